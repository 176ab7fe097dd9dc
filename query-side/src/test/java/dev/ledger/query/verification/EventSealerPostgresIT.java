package dev.ledger.query.verification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.ledger.events.audit.VerificationMismatch;
import dev.ledger.query.audit.GapAwareFeed;
import dev.ledger.query.support.TestPostgres;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * The event sealer, the gap-aware feed it reads through, and the chain check against PostgreSQL
 * ({@link TestPostgres}), in a schema of their own holding the two tables they read and write, shaped as the
 * migrations make them.
 */
class EventSealerPostgresIT {

    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
    private static final Duration GAP_TIMEOUT = Duration.ofSeconds(10);

    private final String schema = "sealer_it_" + UUID.randomUUID().toString().substring(0, 8);
    private SingleConnectionDataSource dataSource;
    private JdbcTemplate jdbc;

    @BeforeEach
    void aSchemaOfItsOwn() {
        dataSource = TestPostgres.dataSource();
        jdbc = new JdbcTemplate(dataSource);
        jdbc.execute("create schema " + schema);
        jdbc.execute("set search_path to " + schema);
        jdbc.execute("""
                create table domain_event_entry (
                    global_index bigint not null primary key, aggregate_identifier varchar(255) not null,
                    sequence_number bigint not null, type varchar(255), event_identifier varchar(255) not null unique,
                    meta_data bytea, payload bytea not null, payload_revision varchar(255),
                    payload_type varchar(255) not null, time_stamp varchar(255) not null,
                    unique (aggregate_identifier, sequence_number))""");
        jdbc.execute("create table event_seal (global_index bigint not null primary key, hash varchar(64) not null)");
    }

    @AfterEach
    void dropIt() {
        jdbc.execute("drop schema " + schema + " cascade");
        dataSource.destroy();
    }

    @Test
    void sealsUpToAYoungGapThenPastItOnceItIsOld() {
        append(1, NOW.minusSeconds(60));
        append(2, NOW.minusSeconds(60));
        append(4, NOW.minusSeconds(5));

        assertThat(sealerAt(NOW).seal()).as("position 3 may still be committing").isEqualTo(2);
        assertThat(sealed()).isEqualTo(2);

        assertThat(sealerAt(NOW.plus(GAP_TIMEOUT)).seal()).as("3 rolled back for good").isEqualTo(1);
        assertThat(sealerAt(NOW.plus(GAP_TIMEOUT)).seal()).as("nothing twice").isZero();
        assertThat(jdbc.queryForList("select global_index from event_seal order by global_index", Long.class))
                .containsExactly(1L, 2L, 4L);
        assertThat(chainCheck().list()).isEmpty();
    }

    @Test
    void anEventRewrittenAfterItWasSealedIsReportedAtItsPosition() {
        for (long position = 1; position <= 3; position++) {
            append(position, NOW.minusSeconds(60));
        }
        sealerAt(NOW).seal();

        jdbc.update("update domain_event_entry set payload = ? where global_index = 2",
                "{\"amount\":999}".getBytes(StandardCharsets.UTF_8));
        jdbc.update("delete from domain_event_entry where global_index = 3");

        assertThat(chainCheck().list()).extracting(VerificationMismatch::kind, VerificationMismatch::position)
                .containsExactly(tuple("hash-chain", 2L),
                        tuple("missing-event", 3L));
    }

    private EventSealer sealerAt(Instant now) {
        return new EventSealer(jdbc, new GapAwareFeed(jdbc, Clock.fixed(now, ZoneOffset.UTC), GAP_TIMEOUT));
    }

    private Mismatches chainCheck() {
        Mismatches mismatches = new Mismatches();
        new ChainCheck(jdbc, mismatches).run();
        return mismatches;
    }

    private long sealed() {
        return jdbc.queryForObject("select count(*) from event_seal", Long.class);
    }

    private void append(long position, Instant storedAt) {
        jdbc.update("""
                insert into domain_event_entry (global_index, aggregate_identifier, sequence_number, type,
                    event_identifier, meta_data, payload, payload_revision, payload_type, time_stamp)
                values (?, 'wallet-1', ?, 'Wallet', ?, null, ?, '1', 'dev.ledger.events.wallet.MoneyDeposited', ?)""",
                position, position - 1, UUID.randomUUID().toString(),
                ("{\"amount\":" + position + "}").getBytes(StandardCharsets.UTF_8), storedAt.toString());
    }
}
