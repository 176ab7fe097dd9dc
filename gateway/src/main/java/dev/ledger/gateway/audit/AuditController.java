package dev.ledger.gateway.audit;

import dev.ledger.events.access.Role;
import dev.ledger.events.problem.LedgerException;
import dev.ledger.gateway.apikey.Caller;
import dev.ledger.gateway.http.PageLimit;
import dev.ledger.gateway.http.PageResponse;
import dev.ledger.gateway.problem.RequestValidation;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The global event feed (API.md §7), for admins and auditors. */
@RestController
@RequestMapping(path = "/api/audit", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Audit", description = "The global event feed and the ledger's verification")
public class AuditController {

    private final EventHistory history;

    public AuditController(EventHistory history) {
        this.history = history;
    }

    @GetMapping("/events")
    @Operation(operationId = "listAuditEvents",
            summary = "Every event in commit order (admin, auditor). position is an integer; nextCursor is the "
            + "position of the last item, to pass as cursor (or as after) for the next page, and null when nothing "
            + "follows yet (poll again with the same cursor or after). A page stops before a position that may still "
            + "be committing, for at most 10 s, so a reader resuming from nextCursor never misses an event.")
    public PageResponse<FeedEventResponse> events(Caller caller, @RequestParam(required = false) String after,
                                                  @RequestParam(required = false) String cursor,
                                                  @RequestParam(required = false) Integer limit) {
        if (caller.is(Role.CLIENT)) {
            throw LedgerException.forbidden("the event feed is for admins and auditors");
        }
        RequestValidation validation = new RequestValidation();
        long afterPosition = EventHistory.afterPosition(after, cursor, validation);
        int pageSize = PageLimit.of(limit);
        validation.throwIfInvalid();
        return history.feed(afterPosition, pageSize);
    }
}
