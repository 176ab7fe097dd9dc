package dev.ledger.gateway.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class WebhookSignatureTest {

    // printf '%s' '1767225600.{"eventId":"42"}' | openssl dgst -sha256 -hmac 'whsec_test'  (the README's check)
    private static final String BY_OPENSSL = "26fd20431c61cee98d5e0dd908844fb267c54e35f473b4abe40b52e966623bc5";

    @Test
    void theSignatureIsWhatOpensslComputesOverTimestampDotBody() {
        assertThat(WebhookSignature.header(List.of("whsec_test"), 1767225600L, "{\"eventId\":\"42\"}"))
                .isEqualTo("v1=" + BY_OPENSSL);
    }

    @Test
    void duringARotationEverySecretSignsCurrentFirst() {
        String header = WebhookSignature.header(List.of("whsec_new", "whsec_test"), 1767225600L, "{\"eventId\":\"42\"}");

        assertThat(header.split(" ")).hasSize(2);
        assertThat(header).endsWith(" v1=" + BY_OPENSSL).startsWith("v1=" + WebhookSignature.sign("whsec_new",
                1767225600L, "{\"eventId\":\"42\"}"));
    }

    @Test
    void anotherTimestampIsAnotherSignature() {
        assertThat(WebhookSignature.sign("whsec_test", 1767225601L, "{\"eventId\":\"42\"}")).isNotEqualTo(BY_OPENSSL);
    }
}
