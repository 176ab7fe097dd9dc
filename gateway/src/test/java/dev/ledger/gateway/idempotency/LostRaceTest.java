package dev.ledger.gateway.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.util.concurrent.CompletionException;
import org.axonframework.common.lock.DeadlockException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.Test;

class LostRaceTest {

    @Test
    void aDeadlockOrALostAppendIsARaceToRunAgainWhereverItIsWrapped() {
        assertThat(LostRace.causes(new DeadlockException("lock"))).isTrue();
        assertThat(LostRace.causes(new CompletionException(new ConcurrencyException("seq 7 taken")))).isTrue();
        assertThat(LostRace.causes(new RuntimeException(new SQLException("deadlock detected", "40P01")))).isTrue();
    }

    @Test
    void anyOtherFailureIsNot() {
        assertThat(LostRace.causes(new RuntimeException(new SQLException("unique", "23505")))).isFalse();
        assertThat(LostRace.causes(new IllegalStateException("boom"))).isFalse();
    }
}
