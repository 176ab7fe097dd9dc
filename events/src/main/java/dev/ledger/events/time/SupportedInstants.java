package dev.ledger.events.time;

import java.time.Instant;

/**
 * The instants a client may name (a time range, an as-of, a cursor's position): years 0001 to 9999. Java's
 * {@link Instant} reaches year 1,000,000,000; PostgreSQL's timestamps, H2's and JDBC's conversions do not, and fail
 * or wrap around instead of refusing. Four-digit years are what ISO-8601 writes without a prior agreement.
 */
public final class SupportedInstants {

    public static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    public static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999999Z");

    private SupportedInstants() {
    }

    public static boolean contains(Instant instant) {
        return !instant.isBefore(EARLIEST) && !instant.isAfter(LATEST);
    }
}
