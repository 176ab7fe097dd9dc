package dev.ledger.gateway.problem;

import dev.ledger.events.problem.ErrorCode;
import dev.ledger.events.problem.LedgerException;

/**
 * The problem for an HTTP status the servlet container chose on its own, with no exception of ours to say why: a
 * URL it cannot decode, a request line or header it cannot parse, a route or method that does not exist.
 */
public final class ContainerErrors {

    private ContainerErrors() {
    }

    public static LedgerException problem(int status, String correlationId) {
        return switch (status) {
            case 401 -> new LedgerException(ErrorCode.UNAUTHENTICATED, "a valid X-API-Key header is required");
            case 403 -> LedgerException.forbidden("this request is not allowed");
            case 404 -> new LedgerException(ErrorCode.NOT_FOUND, "no such endpoint");
            case 405 -> new LedgerException(ErrorCode.METHOD_NOT_ALLOWED, "method not supported");
            case 406 -> new LedgerException(ErrorCode.NOT_ACCEPTABLE, "this endpoint answers application/json");
            case 415 -> new LedgerException(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "request bodies are application/json");
            // 501 and 505 are how the container refuses a transfer coding or an HTTP version it does not speak: the
            // request is what is wrong, and the closed set of codes has no server-side code for it
            case 501, 505 -> malformed();
            // the container is not taking requests for the moment (starting, stopping): it passes by itself
            case 503 -> new LedgerException(ErrorCode.SERVICE_UNAVAILABLE, "the service cannot answer right now; "
                    + "retry the same request with the same Idempotency-Key");
            default -> status < 500 ? malformed() : ProblemHandler.internalError(correlationId);
        };
    }

    private static LedgerException malformed() {
        return RequestValidation.invalid("request", "is malformed (request line, URL encoding or headers)");
    }
}
