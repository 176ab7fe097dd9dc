package dev.ledger.gateway.problem;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLTransientConnectionException;
import java.util.Map;
import org.axonframework.commandhandling.CommandExecutionException;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;

class ProblemHandlerTest {

    private final ProblemHandler handler = new ProblemHandler();

    @Test
    void anUnreachableDatabaseIsA503ServiceUnavailableWithRetryAfter() {
        ResponseEntity<Object> answer = handler.unexpected(new CommandExecutionException("failed",
                new CannotCreateTransactionException("no transaction",
                        new SQLTransientConnectionException("pool timed out", "08001"))));

        assertThat(answer.getStatusCode().value()).isEqualTo(503);
        assertThat(answer.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("2");
        assertThat(answer.getHeaders().getContentType()).isEqualTo(Problems.PROBLEM_JSON);
        assertThat(body(answer)).containsEntry("code", "service-unavailable").containsEntry("status", 503)
                .containsEntry("type", Problems.TYPE_PREFIX + "service-unavailable");
        // the attempt may have committed: the answer must send the client back with the same key, not elsewhere
        assertThat((String) body(answer).get("detail")).contains("same Idempotency-Key");
    }

    @Test
    void anOutageSeenDirectlyBySpringJdbcIsA503Too() {
        ResponseEntity<Object> answer = handler.unexpected(new CannotGetJdbcConnectionException("no connection",
                new SQLTransientConnectionException("pool timed out")));

        assertThat(answer.getStatusCode().value()).isEqualTo(503);
    }

    @Test
    void anyOtherFailureStaysA500() {
        ResponseEntity<Object> answer = handler.unexpected(new IllegalStateException("a bug"));

        assertThat(answer.getStatusCode().value()).isEqualTo(500);
        assertThat(answer.getHeaders().containsKey(HttpHeaders.RETRY_AFTER)).isFalse();
        assertThat(body(answer)).containsEntry("code", "internal-error");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> body(ResponseEntity<Object> answer) {
        return (Map<String, Object>) answer.getBody();
    }
}
