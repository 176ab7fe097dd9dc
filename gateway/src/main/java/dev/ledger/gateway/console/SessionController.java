package dev.ledger.gateway.console;

import dev.ledger.gateway.apikey.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Who the key in hand belongs to. The console needs the role to decide what to offer (a client gets no audit
 * page, only an admin a replay button); without this it would have to try forbidden calls and read the 403s.
 */
@RestController
@Tag(name = "Session", description = "Who the calling key belongs to (any role)")
public class SessionController {

    /** The caller's role, user id (clients only) and billing wallet; never the key itself. */
    public record SessionView(String keyId, String role, String userId, String billingWalletId) {
    }

    @GetMapping(path = "/api/session", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "getSession",
            summary = "Any role: the calling key's id, role, userId (null unless client) and billingWalletId")
    public SessionView session(Caller caller) {
        return new SessionView(caller.keyId(), caller.role().apiName(), caller.userId(), caller.billingWalletId());
    }
}
