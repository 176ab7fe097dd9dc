package dev.ledger.gateway.wallet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ledger.gateway.support.Api.Response;
import dev.ledger.gateway.support.IntegrationTest;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /api/wallets/{id}/balance?asOf=}: answered from the journal, checked here against an independent replay
 * of the wallet's raw events ({@code /events}) up to each instant.
 */
class BalanceAsOfIT extends IntegrationTest {

    /** What a replay of the events up to an instant gives. */
    private record State(long balance, long held, long version) {
    }

    @Test
    void theBalanceAtAnyInstantIsTheReplayOfTheEventsUpToIt() {
        String ownerId = newUser("owner");
        String owner = api.clientKey(ADMIN_KEY, ownerId);
        String otherOwner = api.clientKey(ADMIN_KEY, newUser("other"));
        String wallet = api.openWallet(owner, "USD");
        String other = api.openWallet(otherOwner, "USD");
        api.deposit(ADMIN_KEY, other, "10.00");
        api.deposit(ADMIN_KEY, wallet, "100.00");
        ok(api.post("/api/wallets/" + wallet + "/withdrawals", owner, "{\"amount\":\"12.34\"}"));
        String hold = ok(api.post("/api/wallets/" + wallet + "/holds", owner, "{\"amount\":\"20.00\"}")).text("holdId");
        ok(api.post("/api/wallets/" + wallet + "/holds/" + hold + "/capture", owner, "{\"amount\":\"5.00\"}"));
        String voided = ok(api.post("/api/wallets/" + wallet + "/holds", owner, "{\"amount\":\"7.00\"}")).text("holdId");
        ok(api.post("/api/wallets/" + wallet + "/holds/" + voided + "/void", owner, "{}"));
        ok(api.post("/api/wallets/" + wallet + "/holds", owner, "{\"amount\":\"1.11\"}"));
        await().atMost(Duration.ofSeconds(10)).until(() -> api.get("/api/wallets/" + other, otherOwner).status() == 200
                && api.get("/api/wallets/" + wallet, owner).status() == 200);
        ok(api.post("/api/transfers", owner, "{\"fromWalletId\":\"" + wallet + "\",\"toWalletId\":\"" + other
                + "\",\"amount\":\"3.00\"}"));
        ok(api.post("/api/transfers", otherOwner, "{\"fromWalletId\":\"" + other + "\",\"toWalletId\":\"" + wallet
                + "\",\"amount\":\"1.50\"}"));
        ok(api.post("/api/wallets/" + wallet + "/freeze", ADMIN_KEY, "{}"));
        ok(api.post("/api/wallets/" + wallet + "/unfreeze", ADMIN_KEY, "{}"));
        long version = ok(api.deposit(ADMIN_KEY, wallet, "0.01")).json().get("version").asLong();
        assertThat(version).isEqualTo(13);

        JsonNode events = api.get("/api/wallets/" + wallet + "/events?limit=500", owner).json().get("items");
        assertThat(events).hasSize((int) version);
        // the journal (and so the answer) is eventually consistent: wait until it has the last event
        await().atMost(Duration.ofSeconds(10)).until(() ->
                api.get("/api/wallets/" + wallet + "/balance?asOf=" + Instant.now().plusSeconds(60), owner)
                        .json().get("version").asLong() == version);

        TreeSet<Instant> instants = new TreeSet<>();
        Instant opened = occurredAt(events.get(0));
        instants.add(opened.minus(1, ChronoUnit.DAYS));
        instants.add(opened.minusNanos(1));
        for (JsonNode event : events) {
            Instant at = occurredAt(event);
            instants.add(at);
            instants.add(at.minusMillis(1));
            instants.add(at.minusNanos(1));
            instants.add(at.plusNanos(1));
            instants.add(at.plusNanos(999_999));
            instants.add(at.plusMillis(1));
        }
        instants.add(Instant.now().plus(1, ChronoUnit.DAYS));
        for (Instant asOf : instants) {
            State expected = replay(events, asOf);
            Response response = api.get("/api/wallets/" + wallet + "/balance?asOf=" + asOf, owner);
            assertThat(response.status()).as(response.body()).isEqualTo(200);
            JsonNode actual = response.json();
            assertThat(actual.get("walletId").asText()).isEqualTo(wallet);
            assertThat(Instant.parse(actual.get("asOf").asText())).isEqualTo(asOf);
            assertThat(actual.get("version").asLong()).as("version as of " + asOf).isEqualTo(expected.version());
            assertThat(actual.get("balance").asText()).as("balance as of " + asOf).isEqualTo(usd(expected.balance()));
            assertThat(actual.get("held").asText()).as("held as of " + asOf).isEqualTo(usd(expected.held()));
            assertThat(actual.get("available").asText()).isEqualTo(usd(expected.balance() - expected.held()));
        }
        assertThat(replay(events, Instant.MAX)).isEqualTo(new State(100_00 - 12_34 - 5_00 - 3_00 + 1_50 + 1, 1_11, 13));
        assertThat(api.get("/api/wallets/" + wallet + "?minVersion=13", owner).text("balance"))
                .isEqualTo(usd(replay(events, Instant.MAX).balance()));
    }

    @Test
    void onlyTheWalletsReadersMayAskAndAsOfMustBeAnInstant() {
        String owner = api.clientKey(ADMIN_KEY, newUser("owner"));
        String wallet = api.openWallet(owner, "JPY");
        api.deposit(ADMIN_KEY, wallet, "1500");
        await().atMost(Duration.ofSeconds(10)).until(() -> api.get("/api/wallets/" + wallet, owner).status() == 200);
        String now = Instant.now().plusSeconds(1).toString();
        String auditor = api.keyWithRole(ADMIN_KEY, "auditor");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(api.get("/api/wallets/" + wallet + "/balance?asOf=" + now, auditor).text("balance"))
                        .isEqualTo("1500"));
        assertThat(api.get("/api/wallets/" + wallet + "/balance?asOf=" + now, ADMIN_KEY).status()).isEqualTo(200);
        String stranger = api.clientKey(ADMIN_KEY, newUser("stranger"));
        assertThat(api.get("/api/wallets/" + wallet + "/balance?asOf=" + now, stranger).status()).isEqualTo(404);
        assertThat(api.get("/api/wallets/" + UUID.randomUUID() + "/balance?asOf=" + now, ADMIN_KEY).status())
                .isEqualTo(404);
        for (String bad : List.of("", "?asOf=", "?asOf=yesterday", "?asOf=2026-01-01", "?asOf=2026-01-01T00:00:00")) {
            Response invalid = api.get("/api/wallets/" + wallet + "/balance" + bad, owner);
            assertThat(invalid.status()).as(bad).isEqualTo(400);
            assertThat(invalid.code()).isEqualTo("validation-failed");
            assertThat(invalid.json().get("errors").findValuesAsText("field")).containsExactly("asOf");
        }
    }

    private static Response ok(Response response) {
        assertThat(response.status()).as(response.body()).isIn(200, 201);
        return response;
    }

    /**
     * The wallet's domain time: the journal dates every entry by its event's {@code occurredAt}. (The event store's own
     * timestamp, {@code occurredAt} beside the payload, can be a few milliseconds later.)
     */
    private static Instant occurredAt(JsonNode event) {
        return Instant.parse(event.get("payload").get("occurredAt").asText());
    }

    private static State replay(JsonNode events, Instant asOf) {
        long balance = 0;
        long held = 0;
        long version = 0;
        for (JsonNode event : events) {
            if (occurredAt(event).isAfter(asOf)) {
                continue;
            }
            JsonNode payload = event.get("payload");
            switch (event.get("type").asText()) {
                case "WalletOpened", "WalletFrozen", "WalletUnfrozen", "WalletClosed" -> { }
                case "MoneyDeposited", "TransferReceived", "TransferReturned", "EscrowPaymentReceived" ->
                        balance += minor(payload, "amount");
                case "MoneyWithdrawn", "TransferSent" -> balance -= minor(payload, "amount");
                case "HoldPlaced" -> held += minor(payload, "amount");
                case "HoldCaptured" -> {
                    balance -= minor(payload, "captured");
                    held -= minor(payload, "captured") + minor(payload, "released");
                }
                case "HoldVoided", "HoldExpired" -> held -= minor(payload, "amount");
                default -> throw new AssertionError("an event this replay does not know: " + event);
            }
            version++;
        }
        return new State(balance, held, version);
    }

    private static long minor(JsonNode payload, String field) {
        return payload.get(field).get("minorUnits").asLong();
    }

    private static String usd(long minorUnits) {
        return BigDecimal.valueOf(minorUnits, 2).toPlainString();
    }
}
