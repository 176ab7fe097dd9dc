package dev.ledger.gateway.http;

import dev.ledger.events.problem.ErrorCode;
import dev.ledger.events.problem.LedgerException;
import dev.ledger.gateway.problem.Problems;
import dev.ledger.gateway.problem.RequestValidation;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses, before any endpoint runs, the requests a lenient server would guess at (API.md §1):
 * <ul>
 *     <li>a request body that is not declared {@code application/json} (UTF-8, the only charset JSON has): 415.
 *     A form, text or XML body would otherwise be read as JSON, or an endpoint would answer as if it had been;</li>
 *     <li>a body framed twice, by {@code Transfer-Encoding} and {@code Content-Length}: 400. HTTP forbids it (RFC
 *     9112 §6.1) because two readers may then disagree on where the request ends — the classic way to smuggle one
 *     request inside another.</li>
 * </ul>
 * It runs after authentication and rate limiting (so garbage counts against a key's budget too) and before
 * metering, so a refused request is never charged.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 25)
public class StrictRequestFilter extends OncePerRequestFilter {

    private final Problems problems;

    public StrictRequestFilter(Problems problems) {
        this.problems = problems;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith("/api/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<LedgerException> refusal = refusal(request);
        if (refusal.isPresent()) {
            problems.write(response, refusal.get());
            return;
        }
        chain.doFilter(request, response);
    }

    private static Optional<LedgerException> refusal(HttpServletRequest request) {
        if (request.getHeader(HttpHeaders.TRANSFER_ENCODING) != null
                && request.getHeader(HttpHeaders.CONTENT_LENGTH) != null) {
            return Optional.of(RequestValidation.invalid(HttpHeaders.CONTENT_LENGTH,
                    "must not be sent with Transfer-Encoding"));
        }
        if (hasBody(request) && !isJson(request.getHeader(HttpHeaders.CONTENT_TYPE))) {
            return Optional.of(new LedgerException(ErrorCode.UNSUPPORTED_MEDIA_TYPE,
                    "a request body must be sent as Content-Type: application/json (UTF-8)"));
        }
        return Optional.empty();
    }

    /** HTTP's own rule (RFC 9112 §6.1): a request has a body when it declares a length above 0 or a transfer coding. */
    private static boolean hasBody(HttpServletRequest request) {
        return request.getContentLengthLong() > 0 || request.getHeader(HttpHeaders.TRANSFER_ENCODING) != null;
    }

    private static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        try {
            MediaType type = MediaType.parseMediaType(contentType);
            return MediaType.APPLICATION_JSON.equalsTypeAndSubtype(type)
                    && (type.getCharset() == null || StandardCharsets.UTF_8.equals(type.getCharset()));
        } catch (IllegalArgumentException unreadable) {
            // a malformed media type (InvalidMediaTypeException), or a charset Java does not know
            return false;
        }
    }
}
