package dev.ledger.clienttest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import dev.ledger.client.ApiClient;
import dev.ledger.client.ApiException;
import dev.ledger.client.ApiResponse;
import dev.ledger.client.api.ApiKeysApi;
import dev.ledger.client.api.HoldsApi;
import dev.ledger.client.api.WalletsApi;
import dev.ledger.client.model.CreateKey;
import dev.ledger.client.model.EntryResultResponse;
import dev.ledger.client.model.HoldResponse;
import dev.ledger.client.model.MoneyMovement;
import dev.ledger.client.model.OpenWallet;
import dev.ledger.client.model.PlaceHold;
import dev.ledger.client.model.Problem;
import dev.ledger.client.model.WalletResponse;
import java.io.File;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The README's walkthrough through a client generated from {@code /v3/api-docs} alone (docs/adr/017): every call,
 * header, status and error body goes through the generated APIs and models, none through hand-written HTTP.
 */
class GeneratedClientWalkthroughIT {

    private static final String ADMIN_KEY = "lk_client-test-admin-" + UUID.randomUUID();

    private static LedgerService service;

    @BeforeAll
    static void start() throws Exception {
        service = LedgerService.start(ADMIN_KEY);
    }

    @AfterAll
    static void stop() throws Exception {
        if (service != null) {
            service.close();
        }
    }

    @Test
    void theWalkthroughRunsThroughTheGeneratedClient() throws Exception {
        ApiClient admin = service.client(ADMIN_KEY);
        String aliceKey = new ApiKeysApi(admin)
                .createApiKey(new CreateKey().role(CreateKey.RoleEnum.CLIENT).userId("alice")).getKey();
        ApiClient alice = service.client(aliceKey);
        WalletsApi wallets = new WalletsApi(alice);

        WalletResponse wallet = wallets.openWallet(newKey(), new OpenWallet().currency("USD").label("Savings"));
        assertThat(wallet.getStatus()).isEqualTo(WalletResponse.StatusEnum.ACTIVE);
        assertThat(wallet.getOwnerId()).isEqualTo("alice");
        UUID walletId = wallet.getWalletId();

        EntryResultResponse deposited = new WalletsApi(admin)
                .deposit(newKey(), walletId, new MoneyMovement().amount("100.00").reference("top-up"));
        assertThat(deposited.getType()).isEqualTo(EntryResultResponse.TypeEnum.DEPOSITED);
        assertThat(deposited.getBalance()).isEqualTo("100.00");

        // a withdrawal, then its retry with the same key: the first answer again, flagged, and no second withdrawal
        String withdrawalKey = newKey();
        MoneyMovement withdrawal = new MoneyMovement().amount("30.00").reference("order-1001");
        ApiResponse<EntryResultResponse> first = wallets.withdrawWithHttpInfo(withdrawalKey, walletId, withdrawal);
        ApiResponse<EntryResultResponse> retry = wallets.withdrawWithHttpInfo(withdrawalKey, walletId, withdrawal);
        assertThat(first.getStatusCode()).isEqualTo(201);
        assertThat(first.getData().getAvailable()).isEqualTo("70.00");
        assertThat(first.getHeaders()).doesNotContainKey("Idempotent-Replayed");
        assertThat(retry.getStatusCode()).isEqualTo(201);
        assertThat(retry.getHeaders().get("Idempotent-Replayed")).containsExactly("true");
        assertThat(retry.getData()).isEqualTo(first.getData());

        // a business refusal, read through the generated problem model
        ApiException refused = catchThrowableOfType(ApiException.class,
                () -> wallets.withdraw(newKey(), walletId, new MoneyMovement().amount("500.00")));
        assertThat(refused.getCode()).isEqualTo(422);
        Problem problem = alice.getObjectMapper().readValue(refused.getResponseBody(), Problem.class);
        assertThat(problem.getCode()).isEqualTo(Problem.CodeEnum.INSUFFICIENT_FUNDS);
        assertThat(problem.getStatus()).isEqualTo(422);
        assertThat(problem.getType().toString()).endsWith("/insufficient-funds");

        // a capture without a body: the generated client sends what it sends for an optional body left out
        HoldsApi holds = new HoldsApi(alice);
        HoldResponse hold = holds.placeHold(newKey(), walletId, new PlaceHold().amount("20.00"));
        HoldResponse captured = holds.captureHold(newKey(), walletId, hold.getHoldId(), null);
        assertThat(captured.getStatus()).isEqualTo(HoldResponse.StatusEnum.CAPTURED);
        assertThat(captured.getCapturedAmount()).isEqualTo("20.00");
        assertThat(wallets.getWallet(walletId, captured.getVersion()).getBalance()).isEqualTo("50.00");

        // the journal as CSV: deposit, withdrawal, hold placed, hold captured (the journal is eventually consistent)
        await("the journal has every entry").atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            File csv = wallets.entriesCsv(walletId, null, null);
            List<String> lines = Files.readAllLines(csv.toPath());
            assertThat(lines.get(0)).isEqualTo("entryId,sequence,type,amount,balanceAfter,heldAfter,"
                    + "availableAfter,reference,counterparty,idempotencyKey,occurredAt");
            assertThat(lines.subList(1, lines.size())).extracting(line -> line.split(",")[2])
                    .containsExactly("HOLD_CAPTURED", "HOLD_PLACED", "WITHDRAWN", "DEPOSITED");
        });
    }

    private static String newKey() {
        return UUID.randomUUID().toString();
    }
}
