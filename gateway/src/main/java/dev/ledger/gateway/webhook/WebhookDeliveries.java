package dev.ledger.gateway.webhook;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;

/** The delivery queue ({@code webhook_delivery}): what is to be sent, what was, and what gave up. */
final class WebhookDeliveries {

    private static final String COLUMNS = """
            seq, delivery_id, webhook_id, event_id, event_type, status, attempts, last_status_code, last_error,
            next_attempt_at, created_at, delivered_at""";

    private final JdbcTemplate jdbc;

    WebhookDeliveries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    record Delivery(long seq, String deliveryId, String webhookId, String eventId, String type, DeliveryStatus status,
                    int attempts, Integer lastStatusCode, String lastError, Instant nextAttemptAt, Instant createdAt,
                    Instant deliveredAt) {
    }

    /** A delivery taken by one sender until {@code leasedUntil}. */
    record Claimed(long seq, String deliveryId, String webhookId, String eventId, String payload, int attempts,
                   Instant createdAt) {
    }

    String enqueue(String webhookId, String eventId, String type, String orderingKey, String payload, Instant now) {
        String deliveryId = UUID.randomUUID().toString();
        jdbc.update("""
                insert into webhook_delivery (delivery_id, webhook_id, event_id, event_type, ordering_key, payload,
                                              status, attempts, next_attempt_at, created_at)
                values (?, ?, ?, ?, ?, ?, ?, 0, ?, ?)""", deliveryId, webhookId, eventId, type, orderingKey, payload,
                DeliveryStatus.PENDING.name(), Timestamp.from(now), Timestamp.from(now));
        return deliveryId;
    }

    /**
     * Due deliveries of enabled endpoints, each the earliest still pending of its endpoint and aggregate (so one
     * aggregate's changes reach an endpoint in order), locked for this transaction; rows another instance is
     * claiming right now are skipped, not waited for. The caller leases the ones it takes ({@link #lease}) before
     * the transaction ends.
     */
    List<Claimed> dueForUpdate(Instant now, int limit) {
        return jdbc.query("""
                select d.seq, d.delivery_id, d.webhook_id, d.event_id, d.payload, d.attempts, d.created_at
                from webhook_delivery d
                where d.status = 'PENDING' and d.next_attempt_at <= ?
                  and exists (select 1 from webhook_endpoint e
                              where e.webhook_id = d.webhook_id and e.status = 'ENABLED')
                  and not exists (select 1 from webhook_delivery p
                                  where p.webhook_id = d.webhook_id and p.ordering_key = d.ordering_key
                                    and p.status = 'PENDING' and p.seq < d.seq)
                order by d.next_attempt_at, d.seq
                limit ?
                for update skip locked""", (row, n) -> new Claimed(row.getLong("seq"), row.getString("delivery_id"),
                row.getString("webhook_id"), row.getString("event_id"), row.getString("payload"),
                row.getInt("attempts"), row.getTimestamp("created_at").toInstant()), Timestamp.from(now), limit);
    }

    /** Nobody else takes the delivery up before {@code until}; it stays PENDING, so later ones keep waiting for it. */
    void lease(long seq, Instant until) {
        jdbc.update("update webhook_delivery set next_attempt_at = ? where seq = ?", Timestamp.from(until), seq);
    }

    void succeeded(long seq, int attempts, int statusCode, Instant at) {
        jdbc.update("""
                update webhook_delivery set status = ?, attempts = ?, last_status_code = ?, last_error = null,
                                            delivered_at = ?
                where seq = ? and status = 'PENDING'""", DeliveryStatus.SUCCEEDED.name(), attempts, statusCode,
                Timestamp.from(at), seq);
    }

    void retryAt(long seq, int attempts, Integer statusCode, String error, Instant next) {
        jdbc.update("""
                update webhook_delivery set attempts = ?, last_status_code = ?, last_error = ?, next_attempt_at = ?
                where seq = ? and status = 'PENDING'""", attempts, statusCode, truncate(error), Timestamp.from(next),
                seq);
    }

    void failed(long seq, int attempts, Integer statusCode, String error) {
        jdbc.update("""
                update webhook_delivery set status = ?, attempts = ?, last_status_code = ?, last_error = ?
                where seq = ? and status = 'PENDING'""", DeliveryStatus.FAILED.name(), attempts, statusCode,
                truncate(error), seq);
    }

    Optional<Delivery> find(String webhookId, String deliveryId) {
        return jdbc.query("select " + COLUMNS + " from webhook_delivery where webhook_id = ? and delivery_id = ?",
                WebhookDeliveries::delivery, webhookId, deliveryId).stream().findFirst();
    }

    /** Newest first; {@code beforeSeq} is where the previous page ended. */
    List<Delivery> list(String webhookId, DeliveryStatus status, Long beforeSeq, int limit) {
        StringBuilder sql = new StringBuilder("select " + COLUMNS + " from webhook_delivery where webhook_id = ?");
        List<Object> args = new ArrayList<>(List.of(webhookId));
        if (status != null) {
            sql.append(" and status = ?");
            args.add(status.name());
        }
        if (beforeSeq != null) {
            sql.append(" and seq < ?");
            args.add(beforeSeq);
        }
        sql.append(" order by seq desc limit ?");
        args.add(limit);
        return jdbc.query(sql.toString(), WebhookDeliveries::delivery, args.toArray());
    }

    /** The same event queued again as a new delivery, behind whatever is pending for its aggregate. */
    Optional<Delivery> redeliver(String webhookId, String deliveryId, Instant now) {
        String copy = UUID.randomUUID().toString();
        int queued = jdbc.update("""
                insert into webhook_delivery (delivery_id, webhook_id, event_id, event_type, ordering_key, payload,
                                              status, attempts, next_attempt_at, created_at)
                select ?, webhook_id, event_id, event_type, ordering_key, payload, ?, 0, ?, ?
                from webhook_delivery where webhook_id = ? and delivery_id = ?""", copy,
                DeliveryStatus.PENDING.name(), Timestamp.from(now), Timestamp.from(now), webhookId, deliveryId);
        return queued == 0 ? Optional.empty() : find(webhookId, copy);
    }

    /** Forgets the SUCCEEDED and FAILED deliveries queued before {@code cutoff}; how many there were. */
    int purgeFinishedBefore(Instant cutoff) {
        return jdbc.update("delete from webhook_delivery where status <> 'PENDING' and created_at < ?",
                Timestamp.from(cutoff));
    }

    long pending() {
        Long count = jdbc.queryForObject("select count(*) from webhook_delivery where status = 'PENDING'", Long.class);
        return count == null ? 0 : count;
    }

    Optional<Instant> oldestPending() {
        Timestamp oldest = jdbc.queryForObject(
                "select min(created_at) from webhook_delivery where status = 'PENDING'", Timestamp.class);
        return Optional.ofNullable(oldest).map(Timestamp::toInstant);
    }

    private static String truncate(String error) {
        return error == null || error.length() <= 500 ? error : error.substring(0, 500);
    }

    private static Delivery delivery(ResultSet row, int n) throws SQLException {
        int lastStatus = row.getInt("last_status_code");
        Integer lastStatusCode = row.wasNull() ? null : lastStatus;
        Timestamp delivered = row.getTimestamp("delivered_at");
        return new Delivery(row.getLong("seq"), row.getString("delivery_id"), row.getString("webhook_id"),
                row.getString("event_id"), row.getString("event_type"), DeliveryStatus.valueOf(row.getString("status")),
                row.getInt("attempts"), lastStatusCode, row.getString("last_error"),
                row.getTimestamp("next_attempt_at").toInstant(), row.getTimestamp("created_at").toInstant(),
                delivered == null ? null : delivered.toInstant());
    }
}
