package dev.ledger.gateway.problem;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers a failure that escapes the filters after this one — the API key lookup, the rate limiter, metering, all of
 * which read the database — exactly as {@link ProblemHandler} answers a controller's: a database that cannot be
 * reached is a 503, anything else a 500 with the correlation id. Left to the servlet container, each would be logged
 * with its stack trace as the container's own error and answered 500 from {@code /error}. Runs right after the
 * correlation id is set, so what it logs carries it.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 5)
public class FilterFailures extends OncePerRequestFilter {

    private final ProblemHandler handler;
    private final Problems problems;

    public FilterFailures(ProblemHandler handler, Problems problems) {
        this.handler = handler;
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            chain.doFilter(request, response);
        } catch (RuntimeException | ServletException failure) {
            if (response.isCommitted()) {
                throw failure;
            }
            response.reset();
            problems.write(response, handler.unexpected(failure));
        }
    }
}
