package dev.ledger.classic;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Renders problems as {@code application/problem+json}: the one place errors become responses. */
@RestControllerAdvice
class Problems {

    private final ObjectMapper json;

    Problems(ObjectMapper json) {
        this.json = json;
    }

    String json(Object body) {
        try {
            return json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a response record always serializes", e);
        }
    }

    private ResponseEntity<String> entity(Problem problem) {
        return ResponseEntity.status(problem.status()).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(json(problem));
    }

    void write(HttpServletResponse response, Problem problem) throws IOException {
        response.setStatus(problem.status());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), problem);
    }

    @ExceptionHandler
    ResponseEntity<String> refused(Problem.Refusal refusal) {
        return entity(refusal.problem());
    }

    @ExceptionHandler
    ResponseEntity<String> unreadable(HttpMessageNotReadableException e) {
        return entity(Problem.of(400, "validation-failed",
                "the body must be {\"amount\": \"<decimal > 0 with at most 2 decimals>\"}"));
    }

    @ExceptionHandler
    ResponseEntity<String> noConnection(CannotGetJdbcConnectionException e) {
        return entity(Problem.of(503, "service-unavailable", "the database cannot be reached"));
    }
}
