package dev.ledger.gateway.operations;

/**
 * Where one event processor stands. {@code position} is its lowest segment's position in the global event stream
 * ({@code -1} before it has processed anything) and {@code head} the event store's last position ({@code -1} when
 * the store is empty); the streaming fields are null for a processor that does not track the stream itself.
 */
public record ProcessorStatus(String name, State state, Long position, Long head, Long lag, Boolean replaying) {

    public enum State { RUNNING, STOPPED, ERROR }

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

    static ProcessorStatus streaming(String name, State state, long position, long head, boolean replaying) {
        return new ProcessorStatus(name, state, position, head, Math.max(0, head - position), replaying);
    }

    static ProcessorStatus subscribing(String name, State state) {
        return new ProcessorStatus(name, state, null, null, null, null);
    }
}
