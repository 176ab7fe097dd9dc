package dev.ledger.query.rebuild;

import java.time.Duration;
import java.time.Instant;

/**
 * The last replay of one read model, as every instance sees it. {@code position} is the global position the rebuilt
 * model has reached and {@code head} the event store's head when it was last measured.
 */
public record RebuildStatus(String name, State state, String node, Instant startedAt, Instant heartbeatAt,
                            Instant finishedAt, long position, long head, long events, String failure) {

    /** A running replay's instance renews its heartbeat every second; silent for this long, it is presumed dead. */
    static final Duration HEARTBEAT_TIMEOUT = Duration.ofSeconds(30);

    public enum State { IDLE, RUNNING, DONE, FAILED }

    /** Running now: claimed, and its instance still alive. */
    public boolean isRunning(Instant now) {
        return state == State.RUNNING && heartbeatAt != null && heartbeatAt.isAfter(now.minus(HEARTBEAT_TIMEOUT));
    }

    /** The state as it stands now: a replay still marked RUNNING whose instance fell silent has failed. */
    public State stateAt(Instant now) {
        return state == State.RUNNING && !isRunning(now) ? State.FAILED : state;
    }

    /** 0 to 1: how much of the history the rebuilt model has taken in. */
    public double progress() {
        if (state == State.DONE || head <= 0) {
            return 1.0;
        }
        return Math.max(0.0, Math.min(1.0, (double) position / head));
    }
}
