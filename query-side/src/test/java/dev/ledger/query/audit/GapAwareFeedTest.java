package dev.ledger.query.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ledger.query.audit.GapAwareFeed.Row;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class GapAwareFeedTest {

    private static final Instant SETTLED = Instant.parse("2026-01-01T12:00:00Z");
    private static final Instant OLD = SETTLED.minusSeconds(1);
    private static final Instant YOUNG = SETTLED.plusSeconds(1);

    @Test
    void consecutivePositionsAreAllRead() {
        assertThat(GapAwareFeed.committedPrefix(4, List.of(row(5, YOUNG), row(6, YOUNG), row(7, YOUNG)), SETTLED))
                .containsExactly("5", "6", "7");
    }

    @Test
    void aYoungGapHoldsBackEverythingAfterIt() {
        assertThat(GapAwareFeed.committedPrefix(4, List.of(row(5, YOUNG), row(7, YOUNG), row(8, OLD)), SETTLED))
                .containsExactly("5");
    }

    @Test
    void aGapRightAfterTheStartHoldsBackTheWholePage() {
        assertThat(GapAwareFeed.committedPrefix(4, List.of(row(6, YOUNG)), SETTLED)).isEmpty();
    }

    @Test
    void aGapWithAnOldEventAfterItIsARolledBackTransactionAndIsPassed() {
        assertThat(GapAwareFeed.committedPrefix(4, List.of(row(6, OLD), row(7, YOUNG), row(10, OLD)), SETTLED))
                .containsExactly("6", "7", "10");
    }

    @Test
    void anEventStoredExactlyAtTheTimeoutCountsAsSettled() {
        assertThat(GapAwareFeed.committedPrefix(0, List.of(row(3, SETTLED)), SETTLED)).containsExactly("3");
    }

    private static Row<String> row(long position, Instant storedAt) {
        return new Row<>(position, storedAt, Long.toString(position));
    }
}
