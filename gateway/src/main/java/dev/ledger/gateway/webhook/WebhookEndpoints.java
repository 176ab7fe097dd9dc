package dev.ledger.gateway.webhook;

import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;

/** The registered endpoints ({@code webhook_endpoint}) and their signing secrets. */
final class WebhookEndpoints {

    /** How long a replaced secret still signs, so receivers can switch to the new one without missing a delivery. */
    static final Duration ROTATION_OVERLAP = Duration.ofHours(24);

    private static final String SECRET_PREFIX = "whsec_";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String COLUMNS = "webhook_id, url, event_types, description, status, created_at, updated_at";

    private final JdbcTemplate jdbc;
    private final SecretCipher cipher;
    private final Clock clock;

    WebhookEndpoints(JdbcTemplate jdbc, SecretCipher cipher, Clock clock) {
        this.jdbc = jdbc;
        this.cipher = cipher;
        this.clock = clock;
    }

    record Endpoint(String webhookId, String url, List<String> eventTypes, String description, WebhookStatus status,
                    Instant createdAt, Instant updatedAt) {
    }

    record Registered(Endpoint endpoint, String secret) {
    }

    /** An endpoint an event is queued for, with what it subscribed to. */
    record Subscriber(String webhookId, List<String> eventTypes) {
    }

    Registered register(String url, List<String> eventTypes, String description) {
        String webhookId = UUID.randomUUID().toString();
        String secret = newSecret();
        Instant now = clock.instant();
        // it receives what commits from now on, not the history the webhooks processor may still be catching up on
        Long head = jdbc.queryForObject("select coalesce(max(global_index), -1) from domain_event_entry", Long.class);
        jdbc.update("""
                insert into webhook_endpoint (webhook_id, url, event_types, description, status, secret,
                                              from_position, created_at, updated_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?)""", webhookId, url, String.join(",", eventTypes), description,
                WebhookStatus.ENABLED.name(), cipher.encrypt(secret, webhookId), head, Timestamp.from(now),
                Timestamp.from(now));
        return new Registered(new Endpoint(webhookId, url, List.copyOf(eventTypes), description,
                WebhookStatus.ENABLED, now, now), secret);
    }

    Optional<Endpoint> find(String webhookId) {
        return jdbc.query("select " + COLUMNS + " from webhook_endpoint where webhook_id = ?", WebhookEndpoints::endpoint,
                webhookId).stream().findFirst();
    }

    /** Oldest first; {@code after} is the (createdAt, webhookId) of the last one of the previous page. */
    List<Endpoint> list(Instant afterCreatedAt, String afterId, int limit) {
        StringBuilder sql = new StringBuilder("select " + COLUMNS + " from webhook_endpoint");
        List<Object> args = new ArrayList<>();
        if (afterCreatedAt != null) {
            sql.append(" where created_at > ? or (created_at = ? and webhook_id > ?)");
            args.add(Timestamp.from(afterCreatedAt));
            args.add(Timestamp.from(afterCreatedAt));
            args.add(afterId);
        }
        sql.append(" order by created_at, webhook_id limit ?");
        args.add(limit);
        return jdbc.query(sql.toString(), WebhookEndpoints::endpoint, args.toArray());
    }

    Optional<Endpoint> setStatus(String webhookId, WebhookStatus status) {
        jdbc.update("update webhook_endpoint set status = ?, updated_at = ? where webhook_id = ?", status.name(),
                Timestamp.from(clock.instant()), webhookId);
        return find(webhookId);
    }

    /** Deletes the endpoint and its deliveries; false when there was none. */
    boolean delete(String webhookId) {
        return jdbc.update("delete from webhook_endpoint where webhook_id = ?", webhookId) > 0;
    }

    /** A new secret; the one it replaces keeps signing for {@link #ROTATION_OVERLAP}. Empty when no such endpoint. */
    Optional<String> rotateSecret(String webhookId) {
        String secret = newSecret();
        Instant now = clock.instant();
        int rotated = jdbc.update("""
                update webhook_endpoint set previous_secret = secret, previous_secret_expires_at = ?, secret = ?,
                                            updated_at = ?
                where webhook_id = ?""", Timestamp.from(now.plus(ROTATION_OVERLAP)),
                cipher.encrypt(secret, webhookId), Timestamp.from(now), webhookId);
        return rotated == 0 ? Optional.empty() : Optional.of(secret);
    }

    /** The secrets a delivery is signed with now: the current one first, then a replaced one still in its overlap. */
    List<String> signingSecrets(String webhookId) {
        Instant now = clock.instant();
        return jdbc.query("""
                select secret, previous_secret, previous_secret_expires_at from webhook_endpoint
                where webhook_id = ?""", (row, n) -> {
            List<String> secrets = new ArrayList<>();
            secrets.add(cipher.decrypt(row.getString("secret"), webhookId));
            Timestamp previousUntil = row.getTimestamp("previous_secret_expires_at");
            if (row.getString("previous_secret") != null && previousUntil != null
                    && previousUntil.toInstant().isAfter(now)) {
                secrets.add(cipher.decrypt(row.getString("previous_secret"), webhookId));
            }
            return secrets;
        }, webhookId).stream().findFirst().orElse(List.of());
    }

    /** The enabled endpoints registered before the event at {@code position} committed. */
    List<Subscriber> subscribers(long position) {
        return jdbc.query("""
                select webhook_id, event_types from webhook_endpoint where status = ? and from_position < ?""",
                (row, n) -> new Subscriber(row.getString(1), types(row.getString(2))),
                WebhookStatus.ENABLED.name(), position);
    }

    private static String newSecret() {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        return SECRET_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    }

    private static List<String> types(String stored) {
        return Arrays.asList(stored.split(","));
    }

    private static Endpoint endpoint(ResultSet row, int n) throws SQLException {
        return new Endpoint(row.getString("webhook_id"), row.getString("url"), types(row.getString("event_types")),
                row.getString("description"), WebhookStatus.valueOf(row.getString("status")),
                row.getTimestamp("created_at").toInstant(), row.getTimestamp("updated_at").toInstant());
    }
}
