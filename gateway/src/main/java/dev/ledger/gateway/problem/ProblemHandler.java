package dev.ledger.gateway.problem;

import dev.ledger.events.problem.DatabaseUnavailable;
import dev.ledger.events.problem.ErrorCode;
import dev.ledger.events.problem.LedgerException;
import dev.ledger.gateway.operations.CorrelationIdFilter;
import java.util.Map;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Turns everything a controller can throw into problem+json. Nothing leaves with a stack trace or SQL: an
 * unexpected failure is logged with its correlation id and answered with that id only.
 */
@RestControllerAdvice
public class ProblemHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

    @ExceptionHandler(LedgerException.class)
    ResponseEntity<Object> ledger(LedgerException problem) {
        return Problems.response(problem, HttpHeaders.EMPTY);
    }

    @ExceptionHandler(AggregateNotFoundException.class)
    ResponseEntity<Object> aggregateNotFound(AggregateNotFoundException e) {
        return Problems.response(LedgerException.notFound("the resource"), HttpHeaders.EMPTY);
    }

    @ExceptionHandler(ConcurrencyException.class)
    ResponseEntity<Object> concurrency(ConcurrencyException e) {
        return Problems.response(new LedgerException(ErrorCode.CONCURRENT_MODIFICATION,
                "the resource was changed concurrently; retry the request with the same Idempotency-Key"),
                HttpHeaders.EMPTY);
    }

    /**
     * A request body that is not its request record: unreadable, of the wrong shape, or breaking the record's rules.
     * Every problem is named by its field, in one 400.
     */
    @ExceptionHandler({HttpMessageNotReadableException.class, MethodArgumentNotValidException.class})
    ResponseEntity<Object> invalidBody(Exception e) {
        RequestValidation validation = new RequestValidation();
        if (e instanceof InvalidRequestBody invalid) {
            invalid.errors().forEach(error -> validation.reject(error.field(), error.message()));
        } else if (e instanceof MethodArgumentNotValidException notValid) {
            notValid.getBindingResult().getFieldErrors()
                    .forEach(error -> validation.reject(error.getField(), error.getDefaultMessage()));
            notValid.getBindingResult().getGlobalErrors()
                    .forEach(error -> validation.reject("body", error.getDefaultMessage()));
        }
        if (!validation.hasErrors()) {
            validation.reject("body", "could not be read");
        }
        return Problems.response(validation.failure(), HttpHeaders.EMPTY);
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<Object> typeMismatch(MethodArgumentTypeMismatchException e) {
        return Problems.response(RequestValidation.invalid(e.getName(), "has an invalid value"), HttpHeaders.EMPTY);
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ResponseEntity<Object> missingParameter(MissingServletRequestParameterException e) {
        return Problems.response(RequestValidation.invalid(e.getParameterName(), "is required"), HttpHeaders.EMPTY);
    }

    @ExceptionHandler(NoResourceFoundException.class)
    ResponseEntity<Object> noResource(NoResourceFoundException e) {
        return Problems.response(new LedgerException(ErrorCode.NOT_FOUND, "no such endpoint"), HttpHeaders.EMPTY);
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<Object> method(HttpRequestMethodNotSupportedException e) {
        HttpHeaders headers = new HttpHeaders();
        if (e.getSupportedHttpMethods() != null) {
            headers.setAllow(e.getSupportedHttpMethods());
        }
        return Problems.response(new LedgerException(ErrorCode.METHOD_NOT_ALLOWED,
                e.getMethod() + " is not supported here"), headers);
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<Object> mediaType(HttpMediaTypeNotSupportedException e) {
        return Problems.response(new LedgerException(ErrorCode.UNSUPPORTED_MEDIA_TYPE,
                "request bodies are application/json"), HttpHeaders.EMPTY);
    }

    @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
    ResponseEntity<Object> notAcceptable(HttpMediaTypeNotAcceptableException e) {
        return Problems.response(new LedgerException(ErrorCode.NOT_ACCEPTABLE,
                "this endpoint answers application/json"), HttpHeaders.EMPTY);
    }

    /**
     * Whatever wraps a known failure (a future, a framework layer) answers as that failure. A database that cannot be
     * reached is a 503 from whichever path noticed it (see {@link #unavailable()}).
     */
    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception e) {
        if (DatabaseUnavailable.isCause(e)) {
            log.warn("database unavailable, correlationId={}: {}", MDC.get(CorrelationIdFilter.MDC_KEY), e.toString());
            return Problems.response(unavailable(), HttpHeaders.EMPTY);
        }
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof LedgerException problem) {
                return ledger(problem);
            }
            if (cause instanceof AggregateNotFoundException notFound) {
                return aggregateNotFound(notFound);
            }
            if (cause instanceof ConcurrencyException conflict) {
                return concurrency(conflict);
            }
        }
        String correlationId = MDC.get(CorrelationIdFilter.MDC_KEY);
        log.error("unexpected failure, correlationId={}", correlationId, e);
        return Problems.response(internalError(correlationId), HttpHeaders.EMPTY);
    }

    /**
     * The database could not be reached. The request may have been cut off before or after its transaction committed,
     * so this must not read as a definite failure: the same request with the same Idempotency-Key answers what
     * happened (the recorded outcome if it committed; otherwise it runs now).
     */
    public static LedgerException unavailable() {
        return new LedgerException(ErrorCode.SERVICE_UNAVAILABLE, "the database cannot be reached right now; retry "
                + "the same request with the same Idempotency-Key: it answers this request's outcome if it took "
                + "effect, and runs it otherwise");
    }

    public static LedgerException internalError(String correlationId) {
        return new LedgerException(ErrorCode.INTERNAL_ERROR,
                "an unexpected error occurred; quote the correlationId when reporting it",
                correlationId == null ? Map.of() : Map.of("correlationId", correlationId));
    }
}
