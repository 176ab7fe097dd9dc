package dev.ledger.gateway.transaction;

import dev.ledger.events.problem.LedgerException;
import dev.ledger.events.transaction.FindTransactionQuery;
import dev.ledger.events.transaction.TransactionRecord;
import dev.ledger.events.transaction.TransactionView;
import dev.ledger.gateway.apikey.Caller;
import dev.ledger.gateway.audit.EventHistory;
import dev.ledger.gateway.http.PathIds;
import dev.ledger.gateway.http.ReadYourWrites;
import java.util.Optional;
import java.util.stream.StreamSupport;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.stereotype.Component;

/**
 * Reads a transaction the way {@code GET /api/transactions/{id}} does: a client sees it when it owns a wallet of one
 * of its legs, else 404. A transaction a command has just posted is never a 404, however far its read model lags
 * (API.md §1 Read-your-writes): whether it exists and for whom is then decided by its {@code TransactionPosted} in
 * the event store, which names the owner of every leg's wallet.
 */
@Component
public class TransactionReads {

    static final String AGGREGATE_TYPE = "Transaction";

    private final QueryGateway queries;
    private final ReadYourWrites readYourWrites;
    private final EventHistory events;

    public TransactionReads(QueryGateway queries, ReadYourWrites readYourWrites, EventHistory events) {
        this.queries = queries;
        this.readYourWrites = readYourWrites;
        this.events = events;
    }

    public TransactionView visible(Caller caller, String transactionId) {
        String id = PathIds.require(transactionId, "transaction");
        return readYourWrites.awaitCreated(null, () -> find(id), record -> record.transaction().version(),
                        () -> requireVisibleInEventStore(caller, id))
                .filter(record -> record.ownerIds().stream().anyMatch(owner -> caller.actor().canSee(owner)))
                .map(TransactionRecord::transaction)
                .orElseThrow(() -> LedgerException.notFound("transaction " + transactionId));
    }

    /** The id of a transaction the caller may see, decided by the event store alone. */
    public String requireVisibleInEventStore(Caller caller, String transactionId) {
        String id = PathIds.require(transactionId, "transaction");
        events.origin(AGGREGATE_TYPE, id)
                .map(posted -> posted.get("legs"))
                .filter(legs -> legs != null && StreamSupport.stream(legs.spliterator(), false)
                        .map(leg -> leg.get("ownerId"))
                        .map(owner -> owner == null ? null : owner.asText())
                        .anyMatch(owner -> caller.actor().canSee(owner)))
                .orElseThrow(() -> LedgerException.notFound("transaction " + transactionId));
        return id;
    }

    private Optional<TransactionRecord> find(String transactionId) {
        return queries.query(new FindTransactionQuery(transactionId),
                ResponseTypes.optionalInstanceOf(TransactionRecord.class)).join();
    }
}
