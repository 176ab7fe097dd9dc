package dev.ledger.gateway.ratelimit;

import dev.ledger.events.access.Role;
import dev.ledger.events.problem.ErrorCode;
import dev.ledger.events.problem.LedgerException;
import dev.ledger.gateway.apikey.ApiKeyFilter;
import dev.ledger.gateway.apikey.Caller;
import dev.ledger.gateway.problem.Problems;
import io.github.bucket4j.TimeMeter;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * At most {@code ledger.rate-limit.rpm} {@code /api/**} requests a minute per API key (0 turns the limit off);
 * beyond it a {@code 429 rate-limited} problem with {@code Retry-After}. It runs right after
 * {@link ApiKeyFilter}, which it needs for the key, and before anything records the request, so a rejected
 * request leaves no trace: no command, no idempotency record.
 */
@Component
@Order(RateLimitFilter.ORDER)
public class RateLimitFilter extends OncePerRequestFilter {

    static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 20;
    static final String METRIC = "ledger.http.rate_limited";

    private final RateLimiter limiter;
    private final Problems problems;
    private final Map<Role, Counter> rejected = new EnumMap<>(Role.class);

    @Autowired
    public RateLimitFilter(@Value("${ledger.rate-limit.rpm:0}") long rpm, Problems problems, MeterRegistry meters) {
        this(limiterFor(rpm), problems, meters);
    }

    /** {@code limiter} is null when rate limiting is off. */
    RateLimitFilter(RateLimiter limiter, Problems problems, MeterRegistry meters) {
        this.limiter = limiter;
        this.problems = problems;
        for (Role role : Role.values()) {
            rejected.put(role, Counter.builder(METRIC)
                    .description("API requests refused with 429 because their key exceeded its rate limit")
                    .tag("role", role.apiName())
                    .register(meters));
        }
    }

    private static RateLimiter limiterFor(long rpm) {
        if (rpm < 0) {
            throw new IllegalArgumentException("ledger.rate-limit.rpm (LEDGER_RATE_LIMIT_RPM) must be 0 to turn "
                    + "rate limiting off or a positive number of requests a minute per API key, not " + rpm);
        }
        return rpm == 0 ? null : new RateLimiter(rpm, TimeMeter.SYSTEM_NANOTIME);
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return limiter == null || !request.getRequestURI().startsWith("/api/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        // ApiKeyFilter has already answered every /api/ request that has no caller
        if (!(request.getAttribute(ApiKeyFilter.CALLER_ATTRIBUTE) instanceof Caller caller)) {
            chain.doFilter(request, response);
            return;
        }
        Optional<Duration> wait = limiter.tryAcquire(caller.keyId());
        if (wait.isEmpty()) {
            chain.doFilter(request, response);
            return;
        }
        rejected.get(caller.role()).increment();
        long seconds = retryAfterSeconds(wait.get());
        response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
        problems.write(response, new LedgerException(ErrorCode.RATE_LIMITED, "this API key is limited to "
                + limiter.rpm() + " requests a minute; retry in " + seconds + " s"));
    }

    /** Whole seconds, rounded up: retrying after the header's time must succeed. */
    static long retryAfterSeconds(Duration wait) {
        long seconds = wait.getSeconds() + (wait.getNano() > 0 ? 1 : 0);
        return Math.max(1, seconds);
    }
}
