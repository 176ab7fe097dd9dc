package dev.ledger.classic;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Every {@code /api/**} request needs an {@code X-API-Key} whose SHA-256 is in {@code api_key}, looked up on every
 * request (no cache: a revoked key stops working at once, as in the ledger); anything else is a 401.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class ApiKeyFilter extends OncePerRequestFilter {

    static final String HEADER = "X-API-Key";

    private final JdbcTemplate jdbc;
    private final Problems problems;

    ApiKeyFilter(JdbcTemplate jdbc, Problems problems) {
        this.jdbc = jdbc;
        this.problems = problems;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith("/api/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String key = request.getHeader(HEADER);
        List<Caller> callers = key == null || key.isEmpty() || key.length() > 200 ? List.of()
                : jdbc.query("select user_id, role from api_key where key_hash = ?",
                        (row, n) -> new Caller(row.getString("user_id"), row.getString("role")), sha256(key));
        if (callers.isEmpty()) {
            response.setHeader("WWW-Authenticate", "ApiKey header=\"" + HEADER + "\"");
            problems.write(response, Problem.of(401, "unauthenticated", "a valid " + HEADER + " header is required"));
            return;
        }
        request.setAttribute(Caller.ATTRIBUTE, callers.get(0));
        chain.doFilter(request, response);
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }
}
