package dev.ledger.gateway.escrow;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ledger.events.escrow.EscrowView;
import dev.ledger.events.escrow.FindEscrowQuery;
import dev.ledger.events.problem.LedgerException;
import dev.ledger.gateway.apikey.Caller;
import dev.ledger.gateway.audit.EventHistory;
import dev.ledger.gateway.http.PathIds;
import dev.ledger.gateway.http.ReadYourWrites;
import dev.ledger.gateway.problem.RequestValidation;
import java.util.Optional;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.stereotype.Component;

/**
 * Reads an escrow the way {@code GET /api/escrows/{id}} does: a client sees it as buyer or seller, else 404. An escrow
 * a command has just created is never a 404, however far its read model lags (API.md §1 Read-your-writes): whether it
 * exists and who may see it is then decided by its {@code EscrowCreated} in the event store.
 */
@Component
public class EscrowReads {

    static final String AGGREGATE_TYPE = "Escrow";

    private final QueryGateway queries;
    private final ReadYourWrites readYourWrites;
    private final EventHistory events;

    public EscrowReads(QueryGateway queries, ReadYourWrites readYourWrites, EventHistory events) {
        this.queries = queries;
        this.readYourWrites = readYourWrites;
        this.events = events;
    }

    /** The escrow if the caller is its buyer or seller (or an admin or auditor), after waiting for minVersion. */
    public EscrowView visible(Caller caller, String escrowId, Long minVersion) {
        String id = PathIds.require(escrowId, "escrow");
        if (minVersion != null && minVersion < 0) {
            throw RequestValidation.invalid("minVersion", "must not be negative");
        }
        return readYourWrites.awaitCreated(minVersion, () -> find(id), EscrowView::version,
                        () -> requireVisibleInEventStore(caller, id))
                .filter(escrow -> caller.actor().canSee(escrow.buyerId()) || caller.actor().canSee(escrow.sellerId()))
                .orElseThrow(() -> LedgerException.notFound("escrow " + escrowId));
    }

    /**
     * The id of an escrow the caller may see as buyer or seller (or as admin or auditor), decided by the event store
     * alone: for what the event store answers by itself (the escrow's events), no read model is needed.
     */
    public String requireVisibleInEventStore(Caller caller, String escrowId) {
        String id = PathIds.require(escrowId, "escrow");
        events.origin(AGGREGATE_TYPE, id)
                .filter(created -> caller.actor().canSee(text(created, "buyerId"))
                        || caller.actor().canSee(text(created, "sellerId")))
                .orElseThrow(() -> LedgerException.notFound("escrow " + escrowId));
        return id;
    }

    private static String text(JsonNode payload, String field) {
        JsonNode value = payload.get(field);
        return value == null ? null : value.asText();
    }

    private Optional<EscrowView> find(String escrowId) {
        return queries.query(new FindEscrowQuery(escrowId), ResponseTypes.optionalInstanceOf(EscrowView.class)).join();
    }
}
