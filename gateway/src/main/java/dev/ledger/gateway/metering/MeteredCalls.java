package dev.ledger.gateway.metering;

import dev.ledger.events.idempotency.EarlierUse;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Responses of metered calls made with an Idempotency-Key: claimed before the call, completed with the response,
 * replayed to every repetition.
 */
@Component
public class MeteredCalls {

    /** Longer than any metered call can take: its hold is gone by then. */
    static final Duration ABANDONED_AFTER = Duration.ofSeconds(MeteringFilter.HOLD_SECONDS * 2);

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final Duration retention;

    public MeteredCalls(JdbcTemplate jdbc, Clock clock,
                        @Value("${ledger.idempotency.retention:PT24H}") Duration retention) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.retention = retention;
    }

    public record Recorded(String requestHash, Integer status, String contentType, byte[] body) {

        public EarlierUse use() {
            return new EarlierUse(requestHash, status != null);
        }
    }

    /** Empty when this call now owns the key; otherwise what the key already holds. */
    public Optional<Recorded> claim(String principal, String key, String requestHash) {
        int inserted = jdbc.update("""
                insert into metered_call (principal, idempotency_key, request_hash, created_at)
                values (?, ?, ?, ?) on conflict do nothing""", principal, key, requestHash,
                Timestamp.from(clock.instant()));
        if (inserted == 1) {
            return Optional.empty();
        }
        // a call that never completed (the service stopped mid-call; its hold expires by itself) frees its key
        int takenOver = jdbc.update("""
                update metered_call set created_at = ? where principal = ? and idempotency_key = ?
                and request_hash = ? and status is null and created_at < ?""", Timestamp.from(clock.instant()),
                principal, key, requestHash, Timestamp.from(clock.instant().minus(ABANDONED_AFTER)));
        if (takenOver == 1) {
            return Optional.empty();
        }
        List<Recorded> found = jdbc.query("""
                select request_hash, status, content_type, body from metered_call
                where principal = ? and idempotency_key = ?""",
                (row, n) -> new Recorded(row.getString("request_hash"), (Integer) row.getObject("status"),
                        row.getString("content_type"), row.getBytes("body")), principal, key);
        return found.stream().findFirst();
    }

    public void complete(String principal, String key, int status, String contentType, byte[] body) {
        jdbc.update("""
                update metered_call set status = ?, content_type = ?, body = ?, completed_at = ?
                where principal = ? and idempotency_key = ?""", status, contentType, body,
                Timestamp.from(clock.instant()), principal, key);
    }

    /** Metered responses are kept as long as idempotency keys (default 24 h). */
    @Scheduled(fixedDelayString = "${ledger.idempotency.purge-interval:PT10M}",
            initialDelayString = "${ledger.idempotency.purge-interval:PT10M}")
    public void purge() {
        jdbc.update("delete from metered_call where created_at < ?",
                Timestamp.from(clock.instant().minus(retention)));
    }

    /** A call that failed before it could be charged leaves its key free for a retry. */
    public void release(String principal, String key) {
        jdbc.update("delete from metered_call where principal = ? and idempotency_key = ? and status is null",
                principal, key);
    }
}
