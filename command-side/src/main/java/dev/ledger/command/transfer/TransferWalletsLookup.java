package dev.ledger.command.transfer;

import dev.ledger.events.idempotency.CommandOutcome;
import dev.ledger.events.money.Money;
import dev.ledger.events.transfer.FindTransferWalletsQuery;
import dev.ledger.events.transfer.SendTransferCommand;
import dev.ledger.events.transfer.TransferView;
import dev.ledger.events.transfer.TransferWallets;
import java.util.Optional;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Which two wallets each transfer involves, recorded in the transaction of the command that made the transfer: it is
 * in this lookup the moment the transfer commits, whatever the read models' lag, and it is gone with everything else
 * if the transfer rolls back. {@code GET /api/transfers/{id}} asks it whether a transfer its read model does not show
 * yet (or shows half-projected, still PENDING) exists, and between which wallets (API.md §1 Read-your-writes).
 * Transfers of the former flow (docs/adr/006) are not in it; their read model rows are the truth.
 *
 * <p>It sees the command's answer as a {@link TransferView}, or wrapped in the {@link CommandOutcome} of an
 * idempotency key: whichever side of the idempotency interceptor it runs on, a transfer is recorded once, when it
 * was made, never for a refusal or a replayed answer.
 */
@Component
public class TransferWalletsLookup implements MessageHandlerInterceptor<CommandMessage<?>> {

    private final JdbcTemplate jdbc;

    public TransferWalletsLookup(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain chain)
            throws Exception {
        Object answer = chain.proceed();
        if (unitOfWork.getMessage().getPayload() instanceof SendTransferCommand) {
            made(answer).ifPresent(transfer -> jdbc.update("""
                    insert into transfer_wallets (transfer_id, from_wallet_id, to_wallet_id, currency, amount,
                                                  reversal_of)
                    values (?, ?, ?, ?, ?, ?)""", transfer.transferId(), transfer.fromWalletId(),
                    transfer.toWalletId(), transfer.amount().currency(), transfer.amount().minorUnits(),
                    transfer.reversalOf()));
        }
        return answer;
    }

    private static Optional<TransferView> made(Object answer) {
        if (answer instanceof CommandOutcome outcome) {
            return outcome.isRejected() || outcome.replayed() ? Optional.empty() : made(outcome.result());
        }
        return answer instanceof TransferView transfer ? Optional.of(transfer) : Optional.empty();
    }

    @QueryHandler
    Optional<TransferWallets> handle(FindTransferWalletsQuery query) {
        return jdbc.query("""
                select from_wallet_id, to_wallet_id, currency, amount, reversal_of from transfer_wallets
                where transfer_id = ?""", (row, n) -> {
            long amount = row.getLong("amount");
            return new TransferWallets(query.transferId(), row.getString("from_wallet_id"),
                    row.getString("to_wallet_id"), row.wasNull() ? null : Money.of(amount, row.getString("currency")),
                    row.getString("reversal_of"));
        }, query.transferId()).stream().findFirst();
    }
}
