package dev.ledger.gateway.audit;

import dev.ledger.events.access.Role;
import dev.ledger.events.audit.VerificationReport;
import dev.ledger.events.audit.VerifyLedgerQuery;
import dev.ledger.events.problem.LedgerException;
import dev.ledger.gateway.apikey.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Verification of the whole ledger (API.md §7), for admins and auditors. */
@RestController
@RequestMapping(path = "/api/audit", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Audit", description = "The global event feed and the ledger's verification")
public class AuditVerificationController {

    private final QueryGateway queries;

    public AuditVerificationController(QueryGateway queries) {
        this.queries = queries;
    }

    @PostMapping("/verify")
    @Operation(operationId = "verifyLedger",
            summary = "Replays every event from the store into a fresh model, compares it row by row with every "
            + "read model, checks the invariants (available >= 0; per currency deposits - withdrawals - captures + "
            + "escrow payments - transfers in flight = balances; terminal holds and escrows consistent) and recomputes "
            + "the event log's hash chain (admin, auditor). Each mismatch names kind, aggregate, field, expected, found "
            + "and, for a single event, its position. Read models still catching up show as mismatches.")
    public VerificationReport verify(Caller caller) {
        if (caller.is(Role.CLIENT)) {
            throw LedgerException.forbidden("verification is for admins and auditors");
        }
        return queries.query(new VerifyLedgerQuery(), VerificationReport.class).join();
    }
}
