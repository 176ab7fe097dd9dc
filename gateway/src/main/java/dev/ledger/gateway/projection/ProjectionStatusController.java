package dev.ledger.gateway.projection;

import dev.ledger.events.access.Role;
import dev.ledger.events.problem.ErrorCode;
import dev.ledger.events.problem.LedgerException;
import dev.ledger.gateway.apikey.Caller;
import dev.ledger.gateway.deadletter.DeadLetters;
import dev.ledger.gateway.http.PageLimit;
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
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Where each projection (and the transfer process) stands in the event stream, the events a projection has parked as
 * dead letters and their retry, and replays that rebuild a read model from the whole history while the service keeps
 * answering (API.md §7).
 */
@RestController
@RequestMapping(path = "/api/admin/projections", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Projections", description = "The read models' event processors (operations)")
public class ProjectionStatusController {

    private final EventProcessorStatuses processors;
    private final ReadModelRebuilds rebuilds;
    private final ReadModelRebuilder rebuilder;
    private final DeadLetters deadLetters;
    private final Clock clock;

    public ProjectionStatusController(EventProcessorStatuses processors, ReadModelRebuilds rebuilds,
                                      ReadModelRebuilder rebuilder, DeadLetters deadLetters, Clock clock) {
        this.processors = processors;
        this.rebuilds = rebuilds;
        this.rebuilder = rebuilder;
        this.deadLetters = deadLetters;
        this.clock = clock;
    }

    @GetMapping
    @Operation(operationId = "listProjections",
            summary = "Every event processor: status (RUNNING, DEGRADED when events are parked as dead letters or a "
            + "segment no longer moves, STOPPED), position, the event store's head, lag (over every segment, whichever "
            + "instance holds it), replaying, progress, deadLetters, stalledSegments and its latest replay "
            + "(admin, auditor)")
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
        ProcessorStatus processor = known(name);
        RebuildableReadModel model = RebuildableReadModel.byProcessor(name)
                .orElseThrow(() -> new LedgerException(ErrorCode.NOT_REPLAYABLE,
                        name + " is not a read model: it sends commands, and replaying it would send them again"));
        if (!rebuilder.start(model)) {
            throw new LedgerException(ErrorCode.REPLAY_IN_PROGRESS, "a replay of " + name + " is already running");
        }
        return ResponseEntity.status(HttpStatus.ACCEPTED)
                .body(ProjectionResponse.of(processor, rebuilds.status(name).orElse(null), clock.instant()));
    }

    @GetMapping("/{name}/dead-letters")
    @Operation(operationId = "listDeadLetters",
            summary = "The events a projection has parked because it could not apply them, in the order they were "
            + "parked (admin, auditor): the aggregate they queue under, the event, the cause, when parked and last "
            + "tried, and how often an admin retried them")
    public PageResponse<DeadLetters.Letter> deadLetters(Caller caller, @PathVariable String name,
                                                        @RequestParam(required = false) Integer limit,
                                                        @RequestParam(required = false) String cursor) {
        if (caller.is(Role.CLIENT)) {
            throw LedgerException.forbidden("only admins and auditors see dead letters");
        }
        requireKnown(name);
        DeadLetters.Page page = deadLetters.page(name, PageLimit.of(limit), cursor);
        return new PageResponse<>(page.letters(), page.nextCursor());
    }

    @PostMapping("/{name}/dead-letters/retry")
    @Operation(operationId = "retryDeadLetters",
            summary = "Apply a projection's parked events again (admin), each aggregate's in order: those that now "
            + "apply leave the queue; one that fails again stays parked with those behind it, its cause updated")
    public DeadLetterRetryResponse retryDeadLetters(Caller caller, @PathVariable String name) {
        if (!caller.is(Role.ADMIN)) {
            throw LedgerException.forbidden("only admins retry dead letters");
        }
        requireKnown(name);
        DeadLetters.RetryOutcome outcome = deadLetters.retry(name);
        return new DeadLetterRetryResponse(name, outcome.processed(), outcome.stillParked(),
                known(name).condition().name());
    }

    private ProcessorStatus known(String name) {
        return processors.status(name).orElseThrow(() -> LedgerException.notFound("projection " + name));
    }

    private void requireKnown(String name) {
        if (!processors.names().contains(name)) {
            throw LedgerException.notFound("projection " + name);
        }
    }
}
