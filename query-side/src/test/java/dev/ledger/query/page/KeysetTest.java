package dev.ledger.query.page;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ledger.events.problem.ErrorCode;
import dev.ledger.events.problem.LedgerException;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Cursors are opaque to clients, but a forged one must be a 400, never a failing database query. */
class KeysetTest {

    @Test
    void aCursorThisApiIssuedDecodesToItsParts() {
        String cursor = Keyset.encode(Instant.parse("2026-01-31T12:00:00Z"), "wallet-1");

        List<String> parts = Keyset.decode(cursor, 2);

        assertThat(parts).containsExactly("2026-01-31T12:00:00Z", "wallet-1");
        assertThat(Keyset.timestamp(parts.get(0))).isEqualTo(Timestamp.from(Instant.parse("2026-01-31T12:00:00Z")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-01-31T12:00:00Z|\u0000", "2026-01-31T12:00:00Z|a\u007fb", "\u001b[2J|x"})
    void aForgedCursorCarryingWhatNoQueryCanCompareIsRefused(String forged) {
        assertInvalidCursor(() -> Keyset.decode(encoded(forged), 2));
    }

    @ParameterizedTest
    @ValueSource(strings = {"+999999999-12-31T23:59:59Z", "-999999999-01-01T00:00:00Z", "+10000-01-01T00:00:00Z",
            "yesterday"})
    void anInstantNoTimestampHoldsIsNotACursorThisApiIssued(String instant) {
        assertInvalidCursor(() -> Keyset.timestamp(instant));
    }

    private static String encoded(String joined) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(joined.getBytes(StandardCharsets.UTF_8));
    }

    private static void assertInvalidCursor(ThrowingCallable decoding) {
        assertThatThrownBy(decoding).isInstanceOfSatisfying(LedgerException.class,
                refused -> assertThat(refused.code()).isEqualTo(ErrorCode.VALIDATION_FAILED));
    }
}
