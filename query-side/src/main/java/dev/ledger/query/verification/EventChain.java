package dev.ledger.query.verification;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HexFormat;

/**
 * The hash chain over the event log ({@code event_seal}): each link is SHA-256 over the previous link and every
 * column of the stored event, each field length-prefixed so that no two different events hash alike. The sealer
 * and the verification compute it with this one function.
 */
final class EventChain {

    /** The link before the first event. */
    static final String GENESIS = "";

    /** The columns of {@code domain_event_entry} a link covers, in the order they are hashed. */
    static final String COLUMNS = """
            global_index, aggregate_identifier, sequence_number, type, event_identifier, payload_type,
            payload_revision, time_stamp, payload, meta_data""";

    private EventChain() {
    }

    /** The link of the event at the current row of {@code row}, selected with {@link #COLUMNS}. */
    static String link(String previous, ResultSet row) throws SQLException {
        MessageDigest sha256 = sha256();
        field(sha256, previous);
        field(sha256, Long.toString(row.getLong("global_index")));
        field(sha256, row.getString("aggregate_identifier"));
        field(sha256, Long.toString(row.getLong("sequence_number")));
        field(sha256, row.getString("type"));
        field(sha256, row.getString("event_identifier"));
        field(sha256, row.getString("payload_type"));
        field(sha256, row.getString("payload_revision"));
        field(sha256, row.getString("time_stamp"));
        field(sha256, row.getBytes("payload"));
        field(sha256, row.getBytes("meta_data"));
        return HexFormat.of().formatHex(sha256.digest());
    }

    private static void field(MessageDigest digest, String value) {
        field(digest, value == null ? null : value.getBytes(StandardCharsets.UTF_8));
    }

    private static void field(MessageDigest digest, byte[] value) {
        // -1 for null keeps null and empty apart
        digest.update(ByteBuffer.allocate(Integer.BYTES).putInt(value == null ? -1 : value.length).array());
        if (value != null) {
            digest.update(value);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("every JVM has SHA-256", impossible);
        }
    }
}
