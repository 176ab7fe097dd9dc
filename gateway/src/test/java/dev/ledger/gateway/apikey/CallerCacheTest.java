package dev.ledger.gateway.apikey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.ledger.events.access.Role;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class CallerCacheTest {

    private static final Duration MAX_AGE = Duration.ofSeconds(60);

    private final AtomicLong nanos = new AtomicLong(1_000);
    private final Database database = new Database();

    /** The api_key table as the cache sees it: counts its queries, answers active keys only. */
    private static final class Database implements Function<String, Optional<Caller>> {
        final Map<String, Caller> active = new HashMap<>();
        int queries;
        Runnable duringQuery = () -> {
        };

        Caller issue(String keyHash) {
            Caller caller = new Caller("id-" + keyHash, Role.CLIENT, "user-" + keyHash, null);
            active.put(keyHash, caller);
            return caller;
        }

        @Override
        public Optional<Caller> apply(String keyHash) {
            queries++;
            Optional<Caller> found = Optional.ofNullable(active.get(keyHash));
            duringQuery.run();
            return found;
        }
    }

    private CallerCache trusted(int size) {
        return new CallerCache(size, MAX_AGE, nanos::get, true);
    }

    @Test
    void aKeyInUseIsLookedUpOnceThenAnsweredFromMemory() {
        CallerCache cache = trusted(10);
        Caller alice = database.issue("a");

        assertThat(cache.get("a", database)).contains(alice);
        assertThat(cache.get("a", database)).contains(alice);
        assertThat(cache.get("a", database)).contains(alice);

        assertThat(database.queries).isEqualTo(1);
        assertThat(cache.misses()).isEqualTo(1);
        assertThat(cache.hits()).isEqualTo(2);
    }

    @Test
    void anUnknownKeyIsAskedForEveryTimeAndNeverKept() {
        CallerCache cache = trusted(10);

        for (int i = 0; i < 5; i++) {
            assertThat(cache.get("guess-" + i, database)).isEmpty();
            assertThat(cache.get("guess-" + i, database)).isEmpty();
        }

        assertThat(database.queries).isEqualTo(10);
        assertThat(cache.size()).isZero();
    }

    @Test
    void itHoldsAtMostItsSizeAndTheLeastRecentlyUsedGoFirst() {
        CallerCache cache = trusted(2);
        database.issue("a");
        database.issue("b");
        database.issue("c");
        cache.get("a", database);
        cache.get("b", database);
        cache.get("a", database); // b is now the least recently used

        cache.get("c", database);

        assertThat(cache.size()).isEqualTo(2);
        int queries = database.queries;
        cache.get("a", database);
        cache.get("c", database);
        assertThat(database.queries).as("a and c still cached").isEqualTo(queries);
        cache.get("b", database);
        assertThat(database.queries).as("b was evicted").isEqualTo(queries + 1);
    }

    @Test
    void anEntryOlderThanTheMaxAgeIsLookedUpAgain() {
        CallerCache cache = trusted(10);
        database.issue("a");
        cache.get("a", database);

        nanos.addAndGet(MAX_AGE.toNanos() - 1);
        cache.get("a", database);
        assertThat(database.queries).as("still young enough").isEqualTo(1);

        nanos.addAndGet(1);
        cache.get("a", database);
        assertThat(database.queries).as("as old as the max age").isEqualTo(2);
    }

    @Test
    void aKeyRevokedWithoutNewsPassesAtMostUntilTheMaxAge() {
        CallerCache cache = trusted(10);
        database.issue("a");
        cache.get("a", database);
        database.active.remove("a"); // revoked directly in SQL: nobody evicts it

        assertThat(cache.get("a", database)).isPresent();
        nanos.addAndGet(MAX_AGE.toNanos());

        assertThat(cache.get("a", database)).isEmpty();
        assertThat(cache.size()).isZero();
    }

    @Test
    void anEvictedKeyIsLookedUpAgainAndOthersStay() {
        CallerCache cache = trusted(10);
        Caller alice = database.issue("a");
        database.issue("b");
        cache.get("a", database);
        cache.get("b", database);
        database.active.remove("a");

        cache.evict(alice.keyId());

        assertThat(cache.get("a", database)).isEmpty();
        assertThat(cache.size()).isEqualTo(1);
        assertThat(database.queries).isEqualTo(3);
    }

    @Test
    void aLookupThatRacedARevocationDoesNotKeepWhatItRead() {
        CallerCache cache = trusted(10);
        Caller alice = database.issue("a");
        // the query reads the key as active; before its answer is kept, the revocation commits and is evicted
        database.duringQuery = () -> {
            database.active.remove("a");
            cache.evict(alice.keyId());
        };

        assertThat(cache.get("a", database)).as("the racing request itself").contains(alice);

        database.duringQuery = () -> {
        };
        assertThat(cache.size()).isZero();
        assertThat(cache.get("a", database)).isEmpty();
    }

    @Test
    void untrustedEveryLookupGoesToTheDatabaseAndNothingIsKept() {
        CallerCache cache = new CallerCache(10, MAX_AGE, nanos::get, false);
        Caller alice = database.issue("a");

        assertThat(cache.get("a", database)).contains(alice);
        assertThat(cache.get("a", database)).contains(alice);

        assertThat(database.queries).isEqualTo(2);
        assertThat(cache.size()).isZero();
        assertThat(cache.bypasses()).isEqualTo(2);
        assertThat(cache.hits()).isZero();
    }

    @Test
    void distrustedItForgetsEverythingAndBypassesUntilTrustedAgain() {
        CallerCache cache = trusted(10);
        database.issue("a");
        cache.get("a", database);

        cache.distrust(); // the listener lost its connection
        database.active.remove("a"); // and a revocation's notification was lost with it

        assertThat(cache.size()).isZero();
        assertThat(cache.isTrusted()).isFalse();
        assertThat(cache.get("a", database)).isEmpty();
        database.issue("b");
        cache.get("b", database);
        cache.get("b", database);
        assertThat(database.queries).isEqualTo(4);
        assertThat(cache.size()).isZero();
    }

    @Test
    void trustedAgainItStartsFromEmpty() {
        CallerCache cache = trusted(10);
        database.issue("a");
        cache.get("a", database);
        database.active.remove("a");

        cache.trust(); // (re)connected: notifications may have been missed before

        assertThat(cache.isTrusted()).isTrue();
        assertThat(cache.size()).isZero();
        assertThat(cache.get("a", database)).isEmpty();
        database.issue("b");
        cache.get("b", database);
        cache.get("b", database);
        assertThat(cache.hits()).isEqualTo(1);
    }

    @Test
    void aLookupStartedBeforeTheCacheWasDistrustedKeepsNothing() {
        CallerCache cache = trusted(10);
        database.issue("a");
        database.duringQuery = () -> {
            cache.distrust();
            cache.trust();
        };

        cache.get("a", database);

        assertThat(cache.size()).isZero();
    }

    @Test
    void sizeZeroTurnsItOff() {
        CallerCache cache = trusted(0);
        database.issue("a");

        cache.get("a", database);
        cache.get("a", database);

        assertThat(database.queries).isEqualTo(2);
        assertThat(cache.size()).isZero();
    }

    @Test
    void aNegativeSizeOrANonPositiveMaxAgeIsRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> new CallerCache(-1, MAX_AGE, nanos::get, true));
        assertThatIllegalArgumentException().isThrownBy(() -> new CallerCache(10, Duration.ZERO, nanos::get, true));
    }
}
