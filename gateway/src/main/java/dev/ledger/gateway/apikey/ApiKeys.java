package dev.ledger.gateway.apikey;

import dev.ledger.events.access.Role;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * API keys: 256 random bits, shown once, stored only as their SHA-256. A key's hash is looked up by index
 * and then compared in constant time; the callers of keys in use are kept in a {@link CallerCache}, which every
 * revocation evicts on every instance before it answers (docs/adr/020-api-key-cache.md).
 */
@Component
public class ApiKeys {

    private static final String PREFIX = "lk_";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final CallerCache callers;
    private final RevocationBroadcast broadcast;

    ApiKeys(JdbcTemplate jdbc, PlatformTransactionManager transactions, Clock clock, CallerCache callers,
            RevocationBroadcast broadcast) {
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactions);
        this.clock = clock;
        this.callers = callers;
        this.broadcast = broadcast;
    }

    public record IssuedKey(StoredKey stored, String key) {
    }

    public record StoredKey(String keyId, Role role, String userId, String billingWalletId, Instant createdAt,
                            Instant revokedAt) {
    }

    public record KeyPage(List<StoredKey> items, StoredKey last) {
    }

    public IssuedKey issue(Role role, String userId, String billingWalletId) {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String key = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        return new IssuedKey(store(key, role, userId, billingWalletId), key);
    }

    /** Stores a key chosen by the operator (the bootstrap admin key); the key itself is not kept. */
    public StoredKey store(String key, Role role, String userId, String billingWalletId) {
        StoredKey stored = new StoredKey(UUID.randomUUID().toString(), role, userId, billingWalletId,
                clock.instant(), null);
        jdbc.update("""
                insert into api_key (key_id, key_hash, role, user_id, billing_wallet_id, created_at)
                values (?, ?, ?, ?, ?, ?)""", stored.keyId(), hash(key), role.apiName(), userId, billingWalletId,
                Timestamp.from(stored.createdAt()));
        return stored;
    }

    public Optional<Caller> authenticate(String key) {
        if (key == null || key.isEmpty() || key.length() > 200) {
            return Optional.empty();
        }
        return callers.get(hash(key), this::activeCaller);
    }

    private Optional<Caller> activeCaller(String presented) {
        return jdbc.query("""
                select key_id, key_hash, role, user_id, billing_wallet_id from api_key
                where key_hash = ? and revoked_at is null""",
                (row, n) -> constantTimeEquals(presented, row.getString("key_hash"))
                        ? new Caller(row.getString("key_id"), Role.fromApiName(row.getString("role")),
                                row.getString("user_id"), row.getString("billing_wallet_id"))
                        : null, presented).stream().filter(c -> c != null).findFirst();
    }

    public boolean exists(String key) {
        Integer found = jdbc.queryForObject("select count(*) from api_key where key_hash = ? and revoked_at is null",
                Integer.class, hash(key));
        return found != null && found > 0;
    }

    public boolean anyActiveAdmin() {
        Integer found = jdbc.queryForObject("select count(*) from api_key where role = ? and revoked_at is null",
                Integer.class, Role.ADMIN.apiName());
        return found != null && found > 0;
    }

    /**
     * Revokes a key from the next request on, on every instance; false when there is no such key. Revoking a key
     * again announces it again, which is how a key revoked directly in SQL is made to take effect at once.
     */
    public boolean revoke(String keyId) {
        Boolean found = transactions.execute(status -> {
            jdbc.update("update api_key set revoked_at = ? where key_id = ? and revoked_at is null",
                    Timestamp.from(clock.instant()), keyId);
            Integer keys = jdbc.queryForObject("select count(*) from api_key where key_id = ?", Integer.class, keyId);
            if (keys == null || keys == 0) {
                return false;
            }
            broadcast.announce(keyId);
            return true;
        });
        callers.evict(keyId);
        return Boolean.TRUE.equals(found);
    }

    /** Keys oldest first; {@code after} is the (createdAt, keyId) of the last key of the previous page. */
    public List<StoredKey> list(Instant afterCreatedAt, String afterKeyId, int limit) {
        StringBuilder sql = new StringBuilder("""
                select key_id, role, user_id, billing_wallet_id, created_at, revoked_at from api_key""");
        List<Object> args = new ArrayList<>();
        if (afterCreatedAt != null) {
            sql.append(" where created_at > ? or (created_at = ? and key_id > ?)");
            args.add(Timestamp.from(afterCreatedAt));
            args.add(Timestamp.from(afterCreatedAt));
            args.add(afterKeyId);
        }
        sql.append(" order by created_at, key_id limit ?");
        args.add(limit);
        return jdbc.query(sql.toString(), ApiKeys::storedKey, args.toArray());
    }

    private static StoredKey storedKey(ResultSet row, int n) throws SQLException {
        Timestamp revokedAt = row.getTimestamp("revoked_at");
        return new StoredKey(row.getString("key_id"), Role.fromApiName(row.getString("role")),
                row.getString("user_id"), row.getString("billing_wallet_id"),
                row.getTimestamp("created_at").toInstant(), revokedAt == null ? null : revokedAt.toInstant());
    }

    private static boolean constantTimeEquals(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.US_ASCII), b.getBytes(StandardCharsets.US_ASCII));
    }

    static String hash(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }
}
