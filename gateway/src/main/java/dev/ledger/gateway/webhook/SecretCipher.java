package dev.ledger.gateway.webhook;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signing secrets at rest: AES-256-GCM under a key that is never in the database, so a copy of the database
 * (a backup, a replica, a dump attached to a ticket) does not let anyone forge webhooks. The service must sign with
 * the secret, so it is encrypted rather than hashed. The webhook's id is bound in as associated data: a secret
 * copied onto another endpoint's row does not decrypt.
 *
 * <p>Stored as {@code v1:<base64(nonce ‖ ciphertext ‖ tag)>}; the {@code v1} leaves room for a key rotation scheme.
 */
final class SecretCipher {

    private static final String VERSION = "v1:";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;

    SecretCipher(byte[] key) {
        if (key.length != 32) {
            throw new IllegalArgumentException("the webhook secret key must be 256 bits (32 bytes, base64-encoded)");
        }
        this.key = new SecretKeySpec(key, "AES");
    }

    static byte[] newKey() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return key;
    }

    String encrypt(String secret, String webhookId) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(webhookId.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(secret.getBytes(StandardCharsets.UTF_8));
            return VERSION + Base64.getEncoder().encodeToString(
                    ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every JDK", e);
        }
    }

    /** @throws IllegalStateException when it was encrypted under another key or altered */
    String decrypt(String stored, String webhookId) {
        if (!stored.startsWith(VERSION)) {
            throw new IllegalStateException("unknown secret encoding");
        }
        byte[] all = Base64.getDecoder().decode(stored.substring(VERSION.length()));
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, all, 0, NONCE_BYTES));
            cipher.updateAAD(webhookId.getBytes(StandardCharsets.UTF_8));
            return new String(cipher.doFinal(all, NONCE_BYTES, all.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the webhook secret does not decrypt with the configured "
                    + "LEDGER_WEBHOOKS_SECRET_KEY (was it changed, or do instances use different keys?)");
        }
    }
}
