package dev.ledger.gateway.operations;

/**
 * Where one event processor stands. {@code position} is its slowest segment's position in the global event stream
 * ({@code -1} before it has processed anything), counted over every segment in the token store, whichever instance
 * holds it; {@code head} is the event store's last position ({@code -1} when the store is empty). The streaming
 * fields are null for a processor that does not track the stream itself. {@code deadLetters} counts the events it
 * has parked, {@code stalledSegments} the segments behind the head whose position has not moved for a while.
 */
public record ProcessorStatus(String name, State state, Long position, Long head, Long lag, Boolean replaying,
                              long deadLetters, int stalledSegments) {

    /** What the processor itself reports. */
    public enum State { RUNNING, STOPPED, ERROR }

    /** What it means for its read model (API.md §7). */
    public enum Condition { RUNNING, DEGRADED, STOPPED }

    /**
     * STOPPED when it does not process events (in error, or stopped other than for the moment a replay swaps its read
     * model in); DEGRADED when it does but has parked events or a segment that no longer moves; RUNNING otherwise.
     */
    public Condition condition() {
        boolean swappingReplay = state == State.STOPPED && Boolean.TRUE.equals(replaying);
        if (state == State.ERROR || (state == State.STOPPED && !swappingReplay)) {
            return Condition.STOPPED;
        }
        if (deadLetters > 0 || stalledSegments > 0) {
            return Condition.DEGRADED;
        }
        return Condition.RUNNING;
    }

    public boolean isStreaming() {
        return position != null;
    }

    /** How much of the event stream the processor has handled, 0 to 1; 1 while the store is still empty. */
    public Double progress() {
        if (!isStreaming()) {
            return null;
        }
        if (head <= 0) {
            return 1.0;
        }
        return Math.max(0.0, Math.min(1.0, (double) position / head));
    }

    static ProcessorStatus streaming(String name, State state, long position, long head, boolean replaying,
                                     long deadLetters, int stalledSegments) {
        return new ProcessorStatus(name, state, position, head, Math.max(0, head - position), replaying, deadLetters,
                stalledSegments);
    }

    static ProcessorStatus subscribing(String name, State state, long deadLetters) {
        return new ProcessorStatus(name, state, null, null, null, null, deadLetters, 0);
    }
}
