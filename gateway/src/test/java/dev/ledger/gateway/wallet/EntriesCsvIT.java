package dev.ledger.gateway.wallet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ledger.gateway.support.Api.Response;
import dev.ledger.gateway.support.IntegrationTest;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** {@code GET /api/wallets/{id}/entries.csv}: the journal's rows as CSV, streamed. */
class EntriesCsvIT extends IntegrationTest {

    private static final String HEADER =
            "entryId,sequence,type,amount,balanceAfter,heldAfter,availableAfter,reference,counterparty,idempotencyKey,occurredAt";
    private static final List<String> COLUMNS = List.of(HEADER.split(","));

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void theCsvHasTheJournalsRowsNewestFirstWithNullsAsEmptyCellsAndAwkwardTextQuoted() {
        String owner = api.clientKey(ADMIN_KEY, newUser("owner"));
        String wallet = api.openWallet(owner, "USD");
        // a reference holds no line break (API.md §1 Text), but quotes and commas need quoting all the same
        String awkward = "invoice \"42\", part 1; 5 €";
        ok(api.post("/api/wallets/" + wallet + "/deposits", ADMIN_KEY,
                "{\"amount\":\"100.00\",\"reference\":\"" + awkward.replace("\"", "\\\"") + "\"}"));
        ok(api.post("/api/wallets/" + wallet + "/withdrawals", owner, "{\"amount\":\"30.05\"}"));
        String hold = ok(api.post("/api/wallets/" + wallet + "/holds", owner, "{\"amount\":\"10.00\",\"reference\":\"plain\"}"))
                .text("holdId");
        ok(api.post("/api/wallets/" + wallet + "/holds/" + hold + "/capture", owner, "{\"amount\":\"4.00\"}"));
        ok(api.post("/api/wallets/" + wallet + "/freeze", ADMIN_KEY, "{}"));
        ok(api.post("/api/wallets/" + wallet + "/unfreeze", ADMIN_KEY, "{}"));
        await().atMost(Duration.ofSeconds(10)).until(() ->
                api.get("/api/wallets/" + wallet + "/entries", owner).json().path("items").size() == 6);
        JsonNode entries = api.get("/api/wallets/" + wallet + "/entries", owner).json().get("items");

        Response csv = api.get("/api/wallets/" + wallet + "/entries.csv", owner);
        assertThat(csv.status()).as(csv.body()).isEqualTo(200);
        assertThat(csv.header("Content-Type")).startsWith("text/csv");
        assertThat(csv.header("Content-Disposition")).contains("attachment").contains(wallet);
        assertThat(csv.body()).startsWith(HEADER + "\r\n").endsWith("\r\n");
        assertThat(csv.body()).contains("\"invoice \"\"42\"\", part 1; 5 €\"");
        List<List<String>> rows = parse(csv.body());
        assertThat(rows.get(0)).isEqualTo(COLUMNS);
        assertSameRows(rows.subList(1, rows.size()), entries);
        assertThat(rows.get(6).get(7)).isEqualTo(awkward);
        assertThat(rows.get(1).get(2)).isEqualTo("UNFROZEN");
        assertThat(rows.get(1).get(3)).as("no amount: an empty cell").isEmpty();

        // the same range filter as the journal: from included, to excluded
        String from = entries.get(4).get("occurredAt").asText();
        String to = entries.get(1).get("occurredAt").asText();
        JsonNode ranged = api.get("/api/wallets/" + wallet + "/entries?from=" + from + "&to=" + to, owner).json()
                .get("items");
        List<List<String>> rangedRows = parse(api.get("/api/wallets/" + wallet + "/entries.csv?from=" + from + "&to="
                + to, owner).body());
        assertSameRows(rangedRows.subList(1, rangedRows.size()), ranged);
        assertThat(parse(api.get("/api/wallets/" + wallet + "/entries.csv?to=" + Instant.EPOCH, owner).body()))
                .containsExactly(COLUMNS);

        String auditor = api.keyWithRole(ADMIN_KEY, "auditor");
        assertThat(api.get("/api/wallets/" + wallet + "/entries.csv", auditor).body()).isEqualTo(csv.body());
        assertThat(api.get("/api/wallets/" + wallet + "/entries.csv", ADMIN_KEY).body()).isEqualTo(csv.body());
        Response hidden = api.get("/api/wallets/" + wallet + "/entries.csv", api.clientKey(ADMIN_KEY, newUser("x")));
        assertThat(hidden.status()).isEqualTo(404);
        assertThat(hidden.header("Content-Type")).startsWith("application/problem+json");
        assertThat(hidden.code()).isEqualTo("not-found");
        Response invalid = api.get("/api/wallets/" + wallet + "/entries.csv?from=yesterday", owner);
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.code()).isEqualTo("validation-failed");
    }

    /**
     * Exercises the export path, not the projection: the 100,000 entries are written straight into the journal's
     * table (with a wallet_view row so that the wallet can be read), which takes a second where 100,000 commands would
     * take minutes. They are removed again afterwards, so no read model disagrees with the event store for long.
     */
    @Test
    void aWalletWithAHundredThousandEntriesIsStreamedInBoundedMemory() throws Exception {
        int entries = 100_000;
        String ownerId = newUser("bulk");
        String owner = api.clientKey(ADMIN_KEY, ownerId);
        String wallet = UUID.randomUUID().toString();
        jdbc.update("""
                insert into wallet_view (wallet_id, owner_id, currency, label, status, balance, held, version,
                                         created_at, updated_at)
                values (?, ?, 'USD', 'bulk export', 'ACTIVE', ?, 0, ?, timestamp with time zone '2026-01-01 00:00:00+00',
                        timestamp with time zone '2026-01-01 00:05:00+00')""", wallet, ownerId, 100L * entries, entries + 1);
        try {
            jdbc.update("""
                    insert into wallet_entry (wallet_id, sequence, entry_id, type, currency, amount, balance_after,
                                              held_after, reference, counterparty, idempotency_key, occurred_at)
                    select ?, s, 'bulk-entry-' || s, 'DEPOSITED', 'USD', 100, 100 * s, 0,
                           'bulk deposit number ' || s || ', padded to make every line a little longer', null,
                           'bulk-key-' || s, timestamp with time zone '2026-01-01 00:00:00+00' + s * interval '1 millisecond'
                    from generate_series(1, ?) as s""", wallet, entries);

            long baseline = usedHeapAfterGc();
            HttpRequest request = HttpRequest.newBuilder(URI.create(api.baseUrl() + "/api/wallets/" + wallet
                    + "/entries.csv")).header("X-API-Key", owner).timeout(Duration.ofSeconds(60)).GET().build();
            HttpResponse<InputStream> response = HttpClient.newHttpClient().send(request,
                    HttpResponse.BodyHandlers.ofInputStream());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Length")).as("streamed, not buffered").isEmpty();
            long lines = 0;
            String last = null;
            long midStreamGrowth = -1;
            try (BufferedReader body = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                assertThat(body.readLine()).isEqualTo(HEADER);
                lines++;
                assertThat(body.readLine()).startsWith("bulk-entry-100000,100000,DEPOSITED,1.00,100000.00,0.00,100000.00,"
                        + "\"bulk deposit number 100000, padded");
                lines++;
                for (String line = body.readLine(); line != null; line = body.readLine()) {
                    lines++;
                    last = line;
                    if (lines == 20_000) {
                        // the service is mid-export, its writes held back by this reader: what it holds now is what
                        // it holds throughout (the whole journal in memory would be over 50 MB)
                        midStreamGrowth = usedHeapAfterGc() - baseline;
                    }
                }
            }
            assertThat(lines).isEqualTo(entries + 1);
            assertThat(last).isEqualTo("bulk-entry-1,1,DEPOSITED,1.00,1.00,0.00,1.00,"
                    + "\"bulk deposit number 1, padded to make every line a little longer\",,bulk-key-1,"
                    + "2026-01-01T00:00:00.001Z");
            assertThat(midStreamGrowth).as("heap growth mid-export, bytes").isBetween(-64L << 20, 24L << 20);
        } finally {
            jdbc.update("delete from wallet_entry where wallet_id = ?", wallet);
            jdbc.update("delete from wallet_view where wallet_id = ?", wallet);
        }
    }

    private static long usedHeapAfterGc() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static Response ok(Response response) {
        assertThat(response.status()).as(response.body()).isIn(200, 201);
        return response;
    }

    private static void assertSameRows(List<List<String>> rows, JsonNode entries) {
        assertThat(rows).hasSize(entries.size());
        for (int i = 0; i < rows.size(); i++) {
            for (int c = 0; c < COLUMNS.size(); c++) {
                JsonNode value = entries.get(i).get(COLUMNS.get(c));
                assertThat(rows.get(i).get(c)).as(COLUMNS.get(c) + " of row " + i)
                        .isEqualTo(value.isNull() ? "" : value.asText());
            }
        }
    }

    /** RFC 4180, as a spreadsheet reads it: quoted cells may hold commas, doubled quotes and line breaks. */
    static List<List<String>> parse(String csv) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < csv.length(); i++) {
            char c = csv.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < csv.length() && csv.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                row.add(cell.toString());
                cell.setLength(0);
            } else if (c == '\r' && i + 1 < csv.length() && csv.charAt(i + 1) == '\n') {
                row.add(cell.toString());
                cell.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
                i++;
            } else {
                cell.append(c);
            }
        }
        if (cell.length() > 0 || !row.isEmpty()) {
            throw new AssertionError("the last line does not end in CRLF");
        }
        return rows;
    }
}
