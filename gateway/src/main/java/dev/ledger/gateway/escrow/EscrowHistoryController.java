package dev.ledger.gateway.escrow;

import dev.ledger.gateway.apikey.Caller;
import dev.ledger.gateway.audit.AggregateEventResponse;
import dev.ledger.gateway.audit.EventHistory;
import dev.ledger.gateway.http.PageLimit;
import dev.ledger.gateway.http.PageResponse;
import dev.ledger.gateway.problem.RequestValidation;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** An escrow's raw event history (API.md §7). */
@RestController
@RequestMapping(path = "/api/escrows", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Escrows", description = "Money held between a buyer and a seller until released, refunded or expired")
public class EscrowHistoryController {

    private final EscrowReads escrows;
    private final EventHistory history;

    public EscrowHistoryController(EscrowReads escrows, EventHistory history) {
        this.escrows = escrows;
        this.history = history;
    }

    @GetMapping("/{escrowId}/events")
    @Operation(operationId = "listEscrowEvents",
            summary = "The escrow's events, oldest first (buyer, seller, admin, auditor): sequences from 0 without "
            + "gaps; the next page starts after afterSequence, or after the cursor of the previous page")
    public PageResponse<AggregateEventResponse> events(Caller caller, @PathVariable String escrowId,
                                                       @RequestParam(required = false) String afterSequence,
                                                       @RequestParam(required = false) String cursor,
                                                       @RequestParam(required = false) Integer limit) {
        RequestValidation validation = new RequestValidation();
        long after = EventHistory.afterSequence(afterSequence, cursor, validation);
        int pageSize = PageLimit.of(limit);
        validation.throwIfInvalid();
        String id = escrows.requireVisibleInEventStore(caller, escrowId);
        return history.ofAggregate(EscrowReads.AGGREGATE_TYPE, id, after, pageSize);
    }
}
