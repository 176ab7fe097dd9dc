package dev.ledger.command.process;

import dev.ledger.events.access.Actor;
import dev.ledger.events.idempotency.CommandOutcome;
import dev.ledger.events.wallet.InspectWalletCommand;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The one order in which a command locks several wallets: by id, as {@code TransferLockOrder} does for a transfer's
 * two. Transactions and escrows load every wallet they will touch this way, within their unit of work, before they
 * move any money: each wallet's lock is then held until that unit of work ends, and two commands over the same
 * wallets always queue behind each other instead of each holding a wallet the other waits for.
 */
public final class WalletLockOrder {

    private WalletLockOrder() {
    }

    /**
     * Inspects (and so locks) each wallet in id order, as the actor given for it sees it. Answers each wallet's
     * outcome, in that order: its view, or its refusal (unknown, not visible to that actor) for the caller to judge.
     */
    public static Map<String, CommandOutcome> inspect(ProcessCommands wallets, Map<String, Actor> askingFor) {
        Map<String, CommandOutcome> inspected = new LinkedHashMap<>();
        new TreeMap<>(askingFor).forEach((walletId, actor) ->
                inspected.put(walletId, wallets.send(new InspectWalletCommand(walletId, actor), actor, null)));
        return inspected;
    }
}
