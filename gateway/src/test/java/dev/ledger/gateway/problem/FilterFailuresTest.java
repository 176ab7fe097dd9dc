package dev.ledger.gateway.problem;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class FilterFailuresTest {

    private final ObjectMapper json = new ObjectMapper();
    private final FilterFailures filter = new FilterFailures(new ProblemHandler(), new Problems(json));

    @Test
    void theApiKeyLookupFindingNoDatabaseIsA503Problem() throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();

        filter.doFilter(new MockHttpServletRequest("POST", "/api/transfers"), response, (request, ignored) -> {
            throw new CannotGetJdbcConnectionException("Failed to obtain JDBC Connection",
                    new SQLTransientConnectionException("HikariPool-1 - Connection is not available", "08001"));
        });

        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getHeader("Retry-After")).isEqualTo("2");
        assertThat(response.getContentType()).isEqualTo("application/problem+json");
        JsonNode body = json.readTree(response.getContentAsString());
        assertThat(body.get("code").asText()).isEqualTo("service-unavailable");
        assertThat(body.get("status").asInt()).isEqualTo(503);
    }

    @Test
    void anyOtherFailureInAFilterIsA500ProblemNotTheContainersPage() throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();

        filter.doFilter(new MockHttpServletRequest("GET", "/api/echo"), response, (request, ignored) -> {
            throw new IllegalStateException("a bug in a filter");
        });

        assertThat(response.getStatus()).isEqualTo(500);
        assertThat(json.readTree(response.getContentAsString()).get("code").asText()).isEqualTo("internal-error");
    }

    @Test
    void whatTheChainAnsweredPassesUntouched() throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();

        filter.doFilter(new MockHttpServletRequest("GET", "/api/wallets"), response,
                (request, answered) -> ((MockHttpServletResponse) answered).setStatus(204));

        assertThat(response.getStatus()).isEqualTo(204);
    }
}
