package dev.ledger.gateway.stats;

import dev.ledger.events.access.Role;
import dev.ledger.events.problem.LedgerException;
import dev.ledger.events.stats.LedgerStats;
import dev.ledger.events.stats.LedgerStatsQuery;
import dev.ledger.gateway.apikey.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Totals for dashboards (API.md §7), for admins and auditors. */
@RestController
@RequestMapping(path = "/api/stats", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Audit", description = "The global event feed and the ledger's verification")
public class StatsController {

    private final QueryGateway queries;

    public StatsController(QueryGateway queries) {
        this.queries = queries;
    }

    @GetMapping
    @Operation(operationId = "getStats",
            summary = "Per currency: the number of wallets (closed ones included) and the sums of their balance, "
            + "held and available amounts; the number of escrows in each state (admin, auditor; eventually consistent)")
    public StatsResponse stats(Caller caller) {
        if (caller.is(Role.CLIENT)) {
            throw LedgerException.forbidden("stats are for admins and auditors");
        }
        return StatsResponse.of(queries.query(new LedgerStatsQuery(), LedgerStats.class).join());
    }
}
