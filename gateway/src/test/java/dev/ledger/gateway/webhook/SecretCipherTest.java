package dev.ledger.gateway.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretCipherTest {

    private final SecretCipher cipher = new SecretCipher(SecretCipher.newKey());

    @Test
    void aSecretComesBackOnlyWithTheSameKeyAndWebhook() {
        String stored = cipher.encrypt("whsec_abc", "hook-1");

        assertThat(stored).startsWith("v1:").doesNotContain("whsec_abc");
        assertThat(cipher.encrypt("whsec_abc", "hook-1")).as("a fresh nonce each time").isNotEqualTo(stored);
        assertThat(cipher.decrypt(stored, "hook-1")).isEqualTo("whsec_abc");
        assertThatThrownBy(() -> cipher.decrypt(stored, "hook-2")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new SecretCipher(SecretCipher.newKey()).decrypt(stored, "hook-1"))
                .hasMessageContaining("LEDGER_WEBHOOKS_SECRET_KEY");
    }

    @Test
    void aConfiguredKeyMustBe256Bits() {
        assertThatThrownBy(() -> WebhookConfiguration.secretKey("c2hvcnQ=", Path.of("unused"), true))
                .hasMessageContaining("32 bytes");
        assertThatThrownBy(() -> WebhookConfiguration.secretKey("not base64!", Path.of("unused"), true))
                .hasMessageContaining("base64");
    }

    @Test
    void withoutAConfiguredKeyOneIsKeptInTheDataDirectoryForItsOwnerOnly(@TempDir Path dataDir) throws Exception {
        byte[] key = WebhookConfiguration.secretKey(null, dataDir, false);

        assertThat(key).hasSize(32);
        assertThat(WebhookConfiguration.secretKey("", dataDir, true)).as("the same after a restart").isEqualTo(key);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(
                dataDir.resolve(WebhookConfiguration.KEY_FILE)))).isEqualTo("rw-------");
    }
}
