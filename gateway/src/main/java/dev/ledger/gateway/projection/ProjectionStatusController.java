package dev.ledger.gateway.projection;

import dev.ledger.events.access.Role;
import dev.ledger.events.problem.ErrorCode;
import dev.ledger.events.problem.LedgerException;
import dev.ledger.gateway.apikey.Caller;
import dev.ledger.gateway.http.PageResponse;
import dev.ledger.gateway.openapi.ApiContract;
import dev.ledger.gateway.operations.EventProcessorStatuses;
import dev.ledger.gateway.operations.ProcessorStatus;
import dev.ledger.query.rebuild.ReadModelRebuilder;
import dev.ledger.query.rebuild.ReadModelRebuilds;
import dev.ledger.query.rebuild.RebuildStatus;
import dev.ledger.query.rebuild.RebuildableReadModel;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Where each projection (and the transfer process) stands in the event stream, and replays that rebuild a read
 * model from the whole history while the service keeps answering (API.md §7).
 */
@RestController
@RequestMapping(path = "/api/admin/projections", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Projections", description = "The read models' event processors (operations)")
public class ProjectionStatusController {

    private final EventProcessorStatuses processors;
    private final ReadModelRebuilds rebuilds;
    private final ReadModelRebuilder rebuilder;
    private final Clock clock;

    public ProjectionStatusController(EventProcessorStatuses processors, ReadModelRebuilds rebuilds,
                                      ReadModelRebuilder rebuilder, Clock clock) {
        this.processors = processors;
        this.rebuilds = rebuilds;
        this.rebuilder = rebuilder;
        this.clock = clock;
    }

    @GetMapping
    @Operation(operationId = "listProjections",
            summary = "Every event processor: status, position, the event store's head, lag, replaying, progress "
            + "and its latest replay (admin, auditor)")
    public PageResponse<ProjectionResponse> list(Caller caller) {
        if (caller.is(Role.CLIENT)) {
            throw LedgerException.forbidden("only admins and auditors see projections");
        }
        Map<String, RebuildStatus> replays = rebuilds.statuses();
        Instant now = clock.instant();
        // a handful of processors: always one page
        return PageResponse.of(processors.statuses(), null,
                processor -> ProjectionResponse.of(processor, replays.get(processor.name()), now));
    }

    @PostMapping("/{name}/replay")
    @ApiContract(status = 202, errors = {ErrorCode.REPLAY_IN_PROGRESS, ErrorCode.NOT_REPLAYABLE})
    @Operation(operationId = "replayProjection",
            summary = "Rebuild a read model from the whole event history while the service keeps answering "
            + "(admin): 202 at once; the rebuilt model replaces the live one in one transaction when it has caught "
            + "up. 409 replay-in-progress while one runs (on any instance); 409 not-replayable for the transfer "
            + "process, which sends commands")
    public ResponseEntity<ProjectionResponse> replay(Caller caller, @PathVariable String name) {
        if (!caller.is(Role.ADMIN)) {
            throw LedgerException.forbidden("only admins replay projections");
        }
        ProcessorStatus processor = processors.status(name)
                .orElseThrow(() -> LedgerException.notFound("projection " + name));
        RebuildableReadModel model = RebuildableReadModel.byProcessor(name)
                .orElseThrow(() -> new LedgerException(ErrorCode.NOT_REPLAYABLE,
                        name + " is not a read model: it sends commands, and replaying it would send them again"));
        if (!rebuilder.start(model)) {
            throw new LedgerException(ErrorCode.REPLAY_IN_PROGRESS, "a replay of " + name + " is already running");
        }
        return ResponseEntity.status(HttpStatus.ACCEPTED)
                .body(ProjectionResponse.of(processor, rebuilds.status(name).orElse(null), clock.instant()));
    }
}
