package dev.ledger.gateway.wallet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ledger.gateway.support.Api;
import dev.ledger.gateway.support.Api.Response;
import dev.ledger.gateway.support.IntegrationTest;
import dev.ledger.gateway.support.LedgerInstance;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Idempotency survives the service: a retry after a restart replays the answer given before it. */
class RestartIT {

    @Test
    void aRetryAfterARestartIsReplayedAndMovesNoMoney() {
        String user = "restarter-" + UUID.randomUUID();
        String client;
        String wallet;
        Response first;
        Response rejectedFirst;
        try (LedgerInstance before = LedgerInstance.onTestDatabase(IntegrationTest.ADMIN_KEY)) {
            Api api = before.api();
            client = api.clientKey(IntegrationTest.ADMIN_KEY, user);
            wallet = api.openWallet(client, "USD");
            api.deposit(IntegrationTest.ADMIN_KEY, wallet, "10.00");
            first = api.post("/api/wallets/" + wallet + "/withdrawals", client, "retry-me", "{\"amount\":\"3.00\"}");
            rejectedFirst = api.post("/api/wallets/" + wallet + "/withdrawals", client, "too-much",
                    "{\"amount\":\"300.00\"}");
        }
        assertThat(first.status()).isEqualTo(201);

        try (LedgerInstance after = LedgerInstance.onTestDatabase(IntegrationTest.ADMIN_KEY)) {
            Api api = after.api();
            Response retried = api.post("/api/wallets/" + wallet + "/withdrawals", client, "retry-me",
                    "{\"amount\":\"3.00\"}");
            Response rejectedAgain = api.post("/api/wallets/" + wallet + "/withdrawals", client, "too-much",
                    "{\"amount\":\"300.00\"}");

            assertThat(retried.status()).isEqualTo(201);
            assertThat(retried.header("Idempotent-Replayed")).isEqualTo("true");
            assertThat(retried.body()).isEqualTo(first.body());
            assertThat(rejectedAgain.status()).isEqualTo(422);
            assertThat(rejectedAgain.header("Idempotent-Replayed")).isEqualTo("true");
            assertThat(rejectedAgain.body()).isEqualTo(rejectedFirst.body());
            Response view = api.get("/api/wallets/" + wallet + "?minVersion=3", client);
            assertThat(view.text("balance")).isEqualTo("7.00");
            assertThat(view.json().get("version").asLong()).isEqualTo(3);
        }
    }
}
