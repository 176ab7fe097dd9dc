package dev.ledger.gateway.projection;

import dev.ledger.gateway.operations.ProcessorStatus;
import dev.ledger.query.rebuild.RebuildStatus;
import java.time.Instant;

/**
 * One event processor in {@code GET /api/admin/projections} (API.md §7). {@code status} is RUNNING, DEGRADED (events
 * parked as dead letters, or a segment that no longer moves) or STOPPED. While its read model is being replayed (on
 * any instance), {@code replaying} is true and {@code progress} is the replay's; {@code lastReplay} tells how the
 * latest replay went ({@code null} if there never was one).
 */
public record ProjectionResponse(String name, String status, Long position, Long head, Long lag, boolean replaying,
                                 Double progress, long deadLetters, int stalledSegments, LastReplay lastReplay) {

    /** The latest replay of a read model: {@code RUNNING}, {@code DONE} or {@code FAILED}. */
    public record LastReplay(String state, Instant startedAt, Instant finishedAt, long events, String failure) {
    }

    static ProjectionResponse of(ProcessorStatus processor, RebuildStatus rebuild, Instant now) {
        boolean rebuilding = rebuild != null && rebuild.isRunning(now);
        LastReplay lastReplay = rebuild == null || rebuild.state() == RebuildStatus.State.IDLE ? null
                : new LastReplay(rebuild.stateAt(now).name(), rebuild.startedAt(), rebuild.finishedAt(),
                        rebuild.events(), rebuild.failure());
        return new ProjectionResponse(processor.name(), processor.condition().name(), processor.position(),
                processor.head(), processor.lag(), rebuilding || Boolean.TRUE.equals(processor.replaying()),
                rebuilding ? rebuild.progress() : processor.progress(), processor.deadLetters(),
                processor.stalledSegments(), lastReplay);
    }
}
