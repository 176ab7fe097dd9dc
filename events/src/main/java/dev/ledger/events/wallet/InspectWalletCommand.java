package dev.ledger.events.wallet;

import dev.ledger.events.access.Actor;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Asks a wallet, within the unit of work of a command that names it, for its state as its events have it — owner,
 * currency, status — when the wallet is visible to {@code actor} (404 otherwise). It records nothing; it lets that
 * command decide on the wallet's event-sourced state, never on a read model that may lag (API.md §1), and holds the
 * wallet's lock until that command commits.
 */
public record InspectWalletCommand(@TargetAggregateIdentifier String walletId, Actor actor) {
}
