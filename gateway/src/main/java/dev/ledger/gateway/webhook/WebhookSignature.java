package dev.ledger.gateway.webhook;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * {@code Ledger-Webhook-Signature}: {@code v1=<hex HMAC-SHA256(secret, timestamp + "." + body)>}, one value per
 * valid secret, space-separated. The timestamp is signed so that a captured request cannot be replayed later by
 * someone who does not know the secret (receivers refuse old timestamps).
 */
final class WebhookSignature {

    private WebhookSignature() {
    }

    static String header(List<String> secrets, long timestamp, String body) {
        return secrets.stream().map(secret -> "v1=" + sign(secret, timestamp, body)).collect(Collectors.joining(" "));
    }

    static String sign(String secret, long timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 is part of every JDK", e);
        }
    }
}
