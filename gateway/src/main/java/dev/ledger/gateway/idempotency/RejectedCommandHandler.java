package dev.ledger.gateway.idempotency;

import dev.ledger.gateway.problem.Problems;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Answers a command's rejection as the problem it is ({@link Problems}), flagged {@code Idempotent-Replayed} when
 * it is the answer to an earlier request with the same key. Ordered before the general
 * {@code ProblemHandler}, whose catch-all would otherwise take it.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class RejectedCommandHandler {

    @ExceptionHandler(RejectedCommand.class)
    ResponseEntity<Object> rejected(RejectedCommand rejected) {
        HttpHeaders headers = new HttpHeaders();
        if (rejected.replayed()) {
            headers.set(IdempotencyHeaders.REPLAYED, "true");
        }
        return Problems.response(rejected.problem(), headers);
    }
}
