package dev.ledger.gateway.apikey;

import dev.ledger.events.access.Role;
import dev.ledger.events.problem.LedgerException;
import dev.ledger.events.text.Text;
import dev.ledger.gateway.http.ClientIdentifier;
import dev.ledger.gateway.http.IssuedId;
import dev.ledger.gateway.http.PageLimit;
import dev.ledger.gateway.http.PageResponse;
import dev.ledger.gateway.http.PathIds;
import dev.ledger.gateway.openapi.ApiContract;
import dev.ledger.gateway.problem.RequestValidation;
import dev.ledger.query.page.Keyset;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.time.Instant;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Key management (API.md §2), for admins only. */
@RestController
@RequestMapping(path = "/api/admin/api-keys", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "API keys", description = "Keys of clients, admins and auditors (admin)")
public class ApiKeyController {

    private final ApiKeys apiKeys;

    public ApiKeyController(ApiKeys apiKeys) {
        this.apiKeys = apiKeys;
    }

    record CreateKey(@Schema(requiredMode = Schema.RequiredMode.REQUIRED,
            allowableValues = {"client", "admin", "auditor"}) @NotNull(message = "is required") String role,
                     @Schema(maxLength = Text.MAX_LENGTH) @ClientIdentifier String userId,
                     @IssuedId(message = "must be a wallet id") String billingWalletId) {
    }

    public record CreatedKey(String keyId, String key,
                             @Schema(allowableValues = {"client", "admin", "auditor"}) String role, String userId, String billingWalletId) {
    }

    public record KeyView(String keyId, @Schema(allowableValues = {"client", "admin", "auditor"}) String role,
                          String userId, String billingWalletId, Instant createdAt,
                          Instant revokedAt) {

        static KeyView of(ApiKeys.StoredKey key) {
            return new KeyView(key.keyId(), key.role().apiName(), key.userId(), key.billingWalletId(),
                    key.createdAt(), key.revokedAt());
        }
    }

    @PostMapping
    @ApiContract(status = 201)
    @Operation(operationId = "createApiKey", summary = "Create an API key; the key is shown only in this response")
    public ResponseEntity<CreatedKey> create(Caller caller, @Valid @RequestBody CreateKey body) {
        requireAdmin(caller);
        RequestValidation validation = new RequestValidation();
        Role role = null;
        try {
            role = Role.fromApiName(body.role());
        } catch (IllegalArgumentException unknown) {
            validation.reject("role", "must be one of client, admin, auditor");
        }
        if (role == Role.CLIENT && body.userId() == null) {
            validation.reject("userId", "is required for a client key");
        }
        validation.throwIfInvalid();
        String userId = body.userId();
        String billingWalletId = body.billingWalletId();
        ApiKeys.IssuedKey issued = apiKeys.issue(role, userId, billingWalletId);
        ApiKeys.StoredKey stored = issued.stored();
        return ResponseEntity.status(HttpStatus.CREATED).body(new CreatedKey(stored.keyId(), issued.key(),
                stored.role().apiName(), stored.userId(), stored.billingWalletId()));
    }

    @GetMapping
    @Operation(operationId = "listApiKeys", summary = "List API keys (never the keys themselves)")
    public PageResponse<KeyView> list(Caller caller, @RequestParam(required = false) Integer limit,
                                      @RequestParam(required = false) String cursor) {
        requireAdmin(caller);
        int pageSize = PageLimit.of(limit);
        Instant afterCreatedAt = null;
        String afterKeyId = null;
        if (cursor != null) {
            List<String> after = Keyset.decode(cursor, 2);
            afterCreatedAt = Keyset.timestamp(after.get(0)).toInstant();
            afterKeyId = after.get(1);
        }
        List<ApiKeys.StoredKey> rows = apiKeys.list(afterCreatedAt, afterKeyId, pageSize + 1);
        if (rows.size() <= pageSize) {
            return PageResponse.of(rows, null, KeyView::of);
        }
        List<ApiKeys.StoredKey> page = rows.subList(0, pageSize);
        ApiKeys.StoredKey last = page.get(page.size() - 1);
        return PageResponse.of(page, Keyset.encode(last.createdAt(), last.keyId()), KeyView::of);
    }

    @DeleteMapping("/{keyId}")
    @Operation(operationId = "revokeApiKey", summary = "Revoke an API key: it is refused from the next request on")
    public ResponseEntity<Void> revoke(Caller caller, @PathVariable String keyId) {
        requireAdmin(caller);
        if (!isUuid(keyId) || !apiKeys.revoke(keyId)) {
            throw LedgerException.notFound("API key " + keyId);
        }
        return ResponseEntity.noContent().build();
    }

    private static void requireAdmin(Caller caller) {
        if (!caller.is(Role.ADMIN)) {
            throw LedgerException.forbidden("only an admin manages API keys");
        }
    }

    private static boolean isUuid(String value) {
        return PathIds.isId(value);
    }
}
