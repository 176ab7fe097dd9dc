package dev.ledger.gateway.escrow;

import dev.ledger.events.escrow.EscrowView;
import dev.ledger.events.escrow.FindEscrowQuery;
import dev.ledger.events.problem.LedgerException;
import dev.ledger.gateway.apikey.Caller;
import dev.ledger.gateway.http.PathIds;
import dev.ledger.gateway.http.ReadYourWrites;
import dev.ledger.gateway.problem.RequestValidation;
import java.util.Optional;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.stereotype.Component;

/** Reads an escrow the way {@code GET /api/escrows/{id}} does: a client sees it as buyer or seller, else 404. */
@Component
public class EscrowReads {

    private final QueryGateway queries;
    private final ReadYourWrites readYourWrites;

    public EscrowReads(QueryGateway queries, ReadYourWrites readYourWrites) {
        this.queries = queries;
        this.readYourWrites = readYourWrites;
    }

    public EscrowView visible(Caller caller, String escrowId) {
        return visible(caller, escrowId, null);
    }

    /** The escrow if the caller is its buyer or seller (or an admin or auditor), after waiting for minVersion. */
    public EscrowView visible(Caller caller, String escrowId, Long minVersion) {
        String id = PathIds.require(escrowId, "escrow");
        if (minVersion != null && minVersion < 0) {
            throw RequestValidation.invalid("minVersion", "must not be negative");
        }
        return readYourWrites.await(minVersion, () -> find(id), EscrowView::version)
                .filter(escrow -> caller.actor().canSee(escrow.buyerId()) || caller.actor().canSee(escrow.sellerId()))
                .orElseThrow(() -> LedgerException.notFound("escrow " + escrowId));
    }

    private Optional<EscrowView> find(String escrowId) {
        return queries.query(new FindEscrowQuery(escrowId), ResponseTypes.optionalInstanceOf(EscrowView.class)).join();
    }
}
