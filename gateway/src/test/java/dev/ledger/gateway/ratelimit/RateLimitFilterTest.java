package dev.ledger.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ledger.events.access.Role;
import dev.ledger.gateway.apikey.ApiKeyFilter;
import dev.ledger.gateway.apikey.Caller;
import dev.ledger.gateway.problem.Problems;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.core.annotation.Order;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class RateLimitFilterTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Caller CLIENT = new Caller("key-1", Role.CLIENT, "alice", null);
    private static final Caller OTHER_CLIENT = new Caller("key-2", Role.CLIENT, "bob", null);

    private final RateLimiterTest.ManualTime time = new RateLimiterTest.ManualTime();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final Problems problems = new Problems(JSON);

    private RateLimitFilter limitedTo(long rpm) {
        return new RateLimitFilter(new RateLimiter(rpm, time), problems, meters);
    }

    @Test
    void requestsWithinTheLimitGoOn() throws Exception {
        RateLimitFilter filter = limitedTo(3);

        for (int i = 0; i < 3; i++) {
            Exchange exchange = send(filter, "/api/wallets", CLIENT);
            assertThat(exchange.passedOn()).isTrue();
            assertThat(exchange.response.getHeader("Retry-After")).isNull();
        }
    }

    @Test
    void aRequestBeyondTheLimitIsARateLimitedProblemWithRetryAfter() throws Exception {
        RateLimitFilter filter = limitedTo(2);
        send(filter, "/api/wallets", CLIENT);
        send(filter, "/api/wallets", CLIENT);

        Exchange refused = send(filter, "/api/wallets", CLIENT);

        assertThat(refused.passedOn()).isFalse();
        assertThat(refused.response.getStatus()).isEqualTo(429);
        assertThat(refused.response.getHeader("Retry-After")).isEqualTo("30");
        assertThat(refused.response.getContentType()).startsWith("application/problem+json");
        JsonNode body = JSON.readTree(refused.response.getContentAsByteArray());
        assertThat(body.get("code").asText()).isEqualTo("rate-limited");
        assertThat(body.get("status").asInt()).isEqualTo(429);
        assertThat(body.get("type").asText()).isEqualTo("https://ledger.dev/problems/rate-limited");
        assertThat(body.get("detail").asText()).contains("2 requests a minute");
    }

    @Test
    void retryAfterIsTheWaitRoundedUpToWholeSeconds() throws Exception {
        RateLimitFilter filter = limitedTo(7);
        for (int i = 0; i < 7; i++) {
            send(filter, "/api/wallets", CLIENT);
        }
        // 7 a minute: a token every 8.571... seconds
        assertThat(send(filter, "/api/wallets", CLIENT).response.getHeader("Retry-After")).isEqualTo("9");

        time.advance(Duration.ofMillis(8_500));
        assertThat(send(filter, "/api/wallets", CLIENT).response.getHeader("Retry-After")).isEqualTo("1");

        time.advance(Duration.ofMillis(72));
        assertThat(send(filter, "/api/wallets", CLIENT).passedOn()).isTrue();
    }

    @Test
    void retryAfterRoundsUpAndIsNeverZero() {
        assertThat(RateLimitFilter.retryAfterSeconds(Duration.ZERO)).isEqualTo(1);
        assertThat(RateLimitFilter.retryAfterSeconds(Duration.ofNanos(1))).isEqualTo(1);
        assertThat(RateLimitFilter.retryAfterSeconds(Duration.ofSeconds(12))).isEqualTo(12);
        assertThat(RateLimitFilter.retryAfterSeconds(Duration.ofSeconds(12).plusNanos(1))).isEqualTo(13);
    }

    @Test
    void oneKeyOverItsLimitLeavesOtherKeysAlone() throws Exception {
        RateLimitFilter filter = limitedTo(1);
        send(filter, "/api/wallets", CLIENT);
        assertThat(send(filter, "/api/wallets", CLIENT).passedOn()).isFalse();

        assertThat(send(filter, "/api/wallets", OTHER_CLIENT).passedOn()).isTrue();
    }

    @Test
    void refusalsAreCountedByRole() throws Exception {
        RateLimitFilter filter = limitedTo(1);
        Caller admin = new Caller("admin-key", Role.ADMIN, null, null);
        for (int i = 0; i < 3; i++) {
            send(filter, "/api/wallets", CLIENT);
        }
        send(filter, "/api/admin/api-keys", admin);
        send(filter, "/api/admin/api-keys", admin);

        assertThat(meters.get(RateLimitFilter.METRIC).tag("role", "client").counter().count()).isEqualTo(2);
        assertThat(meters.get(RateLimitFilter.METRIC).tag("role", "admin").counter().count()).isEqualTo(1);
        assertThat(meters.get(RateLimitFilter.METRIC).tag("role", "auditor").counter().count()).isZero();
    }

    @Test
    void onlyTheApiIsLimited() throws Exception {
        RateLimitFilter filter = limitedTo(1);

        for (int i = 0; i < 5; i++) {
            assertThat(send(filter, "/actuator/health", CLIENT).passedOn()).isTrue();
        }
        assertThat(send(filter, "/api/wallets", CLIENT).passedOn()).isTrue();
    }

    @Test
    void zeroTurnsTheLimitOff() throws Exception {
        RateLimitFilter filter = new RateLimitFilter(0, problems, meters);

        for (int i = 0; i < 1_000; i++) {
            assertThat(send(filter, "/api/wallets", CLIENT).passedOn()).isTrue();
        }
    }

    @Test
    void aNegativeLimitIsRefusedAtStartup() {
        assertThatIllegalArgumentException().isThrownBy(() -> new RateLimitFilter(-5, problems, meters))
                .withMessageContaining("LEDGER_RATE_LIMIT_RPM")
                .withMessageContaining("-5");
    }

    @Test
    void itRunsRightAfterTheApiKeyFilter() {
        int apiKeys = ApiKeyFilter.class.getAnnotation(Order.class).value();
        int rateLimit = RateLimitFilter.class.getAnnotation(Order.class).value();

        assertThat(rateLimit).isGreaterThan(apiKeys).isLessThanOrEqualTo(apiKeys + 10);
    }

    private record Exchange(MockFilterChain chain, MockHttpServletResponse response) {
        boolean passedOn() {
            return chain.getRequest() != null;
        }
    }

    private static Exchange send(RateLimitFilter filter, String path, Caller caller) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", path);
        request.setAttribute(ApiKeyFilter.CALLER_ATTRIBUTE, caller);
        MockHttpServletResponse response = new MockHttpServletResponse();
        MockFilterChain chain = new MockFilterChain();
        filter.doFilter(request, response, chain);
        return new Exchange(chain, response);
    }
}
