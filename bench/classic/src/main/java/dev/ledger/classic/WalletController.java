package dev.ledger.classic;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /api/wallets/{id}/withdrawals} and {@code GET /api/wallets/{id}}, as the ledger's API shapes them. */
@RestController
@RequestMapping("/api/wallets")
class WalletController {

    static final String REPLAYED = "Idempotent-Replayed";

    record WalletResponse(String walletId, String ownerId, String currency, String balance, long version) {
    }

    private final Withdrawals withdrawals;
    private final JdbcTemplate jdbc;
    private final Problems problems;

    WalletController(Withdrawals withdrawals, JdbcTemplate jdbc, Problems problems) {
        this.withdrawals = withdrawals;
        this.jdbc = jdbc;
        this.problems = problems;
    }

    @PostMapping("/{walletId}/withdrawals")
    ResponseEntity<String> withdraw(@RequestAttribute(Caller.ATTRIBUTE) Caller caller, @PathVariable String walletId,
                                    @RequestHeader(name = IdempotencyKey.HEADER, required = false) String keyHeader,
                                    @RequestBody WithdrawalRequest body, HttpServletRequest request) {
        UUID id = walletId(walletId);
        IdempotencyKey key = IdempotencyKey.of(keyHeader, "POST", request.getRequestURI(), problems.json(body));
        Withdrawals.Answer answer = withdrawals.withdraw(caller, id, key, body.cents());
        ResponseEntity.BodyBuilder response = ResponseEntity.status(answer.status()).contentType(
                answer.status() >= 400 ? MediaType.APPLICATION_PROBLEM_JSON : MediaType.APPLICATION_JSON);
        if (answer.replayed()) {
            response.header(REPLAYED, "true");
        }
        return response.body(answer.body());
    }

    @GetMapping("/{walletId}")
    WalletResponse wallet(@RequestAttribute(Caller.ATTRIBUTE) Caller caller, @PathVariable String walletId) {
        UUID id = walletId(walletId);
        List<WalletResponse> found = jdbc.query("select owner_id, currency, balance, version from wallet where id = ?",
                (row, n) -> new WalletResponse(id.toString(), row.getString(1), row.getString(2),
                        Withdrawals.decimal(row.getLong(3)), row.getLong(4)), id);
        if (found.isEmpty()) {
            throw new Problem.Refusal(404, "not-found", "no wallet " + walletId);
        }
        if (!caller.mayMoveMoneyOf(found.get(0).ownerId())) {
            throw new Problem.Refusal(403, "forbidden", "not your wallet");
        }
        return found.get(0);
    }

    private static UUID walletId(String text) {
        try {
            UUID id = UUID.fromString(text);
            if (id.toString().equalsIgnoreCase(text)) {
                return id;
            }
        } catch (IllegalArgumentException e) {
            // not a wallet id: no such wallet
        }
        throw new Problem.Refusal(404, "not-found", "no wallet " + text);
    }
}
