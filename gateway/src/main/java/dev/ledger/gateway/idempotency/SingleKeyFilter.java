package dev.ledger.gateway.idempotency;

import dev.ledger.gateway.problem.Problems;
import dev.ledger.gateway.problem.RequestValidation;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a request with more than one {@code Idempotency-Key} header (400): the servlet API joins them into one key
 * ({@code one,two}), which is neither of the keys the client sent. It runs right after the
 * {@code StrictRequestFilter} (whose refusals come first) and before metering, so a refused
 * request is never charged.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 26)
public class SingleKeyFilter extends OncePerRequestFilter {

    private final Problems problems;

    public SingleKeyFilter(Problems problems) {
        this.problems = problems;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith("/api/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (Collections.list(request.getHeaders(IdempotencyHeaders.KEY)).size() > 1) {
            problems.write(response, RequestValidation.invalid(IdempotencyHeaders.KEY, "must be sent once"));
            return;
        }
        chain.doFilter(request, response);
    }
}
