package dev.ledger.events.idempotency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ledger.events.problem.ErrorCode;
import dev.ledger.events.problem.LedgerException;
import org.junit.jupiter.api.Test;

class EarlierUseTest {

    @Test
    void theSameRequestIsAnsweredAgainOnceTheFirstUseCompleted() {
        assertThatCode(() -> new EarlierUse("hash-a", true).requireReplayableBy("hash-a")).doesNotThrowAnyException();
    }

    @Test
    void aDifferentRequestUnderTheKeyIsRefusedAsReuse() {
        assertThatThrownBy(() -> new EarlierUse("hash-a", true).requireReplayableBy("hash-b"))
                .isInstanceOfSatisfying(LedgerException.class,
                        e -> assertThat(e.code())
                                .isEqualTo(ErrorCode.IDEMPOTENCY_KEY_REUSED));
    }

    @Test
    void theSameRequestWhileTheFirstUseRunsIsInFlight() {
        assertThatThrownBy(() -> new EarlierUse("hash-a", false).requireReplayableBy("hash-a"))
                .isInstanceOfSatisfying(LedgerException.class,
                        e -> assertThat(e.code())
                                .isEqualTo(ErrorCode.IDEMPOTENCY_KEY_IN_FLIGHT));
    }

    @Test
    void aDifferentRequestWhileTheFirstUseRunsIsReuseNotInFlight() {
        // a mismatch must not look like something worth retrying
        assertThatThrownBy(() -> new EarlierUse("hash-a", false).requireReplayableBy("hash-b"))
                .isInstanceOfSatisfying(LedgerException.class,
                        e -> assertThat(e.code())
                                .isEqualTo(ErrorCode.IDEMPOTENCY_KEY_REUSED));
    }
}
