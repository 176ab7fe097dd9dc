package dev.ledger.gateway.projection;

import dev.ledger.events.access.Role;
import dev.ledger.events.problem.LedgerException;
import dev.ledger.gateway.apikey.Caller;
import dev.ledger.gateway.http.PageResponse;
import dev.ledger.gateway.operations.EventProcessorStatuses;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Where each projection (and the transfer process) stands in the event stream (API.md §7), for admins and auditors. */
@RestController
@RequestMapping(path = "/api/admin/projections", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Projections")
public class ProjectionStatusController {

    private final EventProcessorStatuses processors;

    public ProjectionStatusController(EventProcessorStatuses processors) {
        this.processors = processors;
    }

    @GetMapping
    @Operation(summary = "Every event processor: status, position, the event store's head, lag, replaying, progress "
            + "(admin, auditor)")
    public PageResponse<ProjectionResponse> list(Caller caller) {
        if (caller.is(Role.CLIENT)) {
            throw LedgerException.forbidden("only admins and auditors see projections");
        }
        // a handful of processors: always one page
        return PageResponse.of(processors.statuses(), null, ProjectionResponse::of);
    }
}
