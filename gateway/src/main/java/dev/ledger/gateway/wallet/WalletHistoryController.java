package dev.ledger.gateway.wallet;

import dev.ledger.events.problem.LedgerException;
import dev.ledger.events.wallet.BalanceAsOfView;
import dev.ledger.events.wallet.EntryView;
import dev.ledger.events.wallet.FindBalanceAsOfQuery;
import dev.ledger.events.wallet.WalletView;
import dev.ledger.gateway.apikey.Caller;
import dev.ledger.gateway.audit.AggregateEventResponse;
import dev.ledger.gateway.audit.EventHistory;
import dev.ledger.gateway.http.CsvWriter;
import dev.ledger.gateway.http.PageLimit;
import dev.ledger.gateway.http.PageResponse;
import dev.ledger.gateway.http.QueryParams;
import dev.ledger.gateway.problem.RequestValidation;
import dev.ledger.query.wallet.WalletJournalExport;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/** A wallet's past (API.md §7): its raw events, its balance at an instant, its journal as CSV. */
@RestController
@RequestMapping("/api/wallets")
@Tag(name = "Wallets", description = "Wallets, their money movements and their journal")
public class WalletHistoryController {

    static final MediaType TEXT_CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);
    static final String[] CSV_COLUMNS = {"entryId", "sequence", "type", "amount", "balanceAfter", "heldAfter",
            "availableAfter", "reference", "counterparty", "idempotencyKey", "occurredAt"};

    private final WalletReads wallets;
    private final EventHistory history;
    private final QueryGateway queries;
    private final WalletJournalExport journal;

    public WalletHistoryController(WalletReads wallets, EventHistory history, QueryGateway queries,
                                   WalletJournalExport journal) {
        this.wallets = wallets;
        this.history = history;
        this.queries = queries;
        this.journal = journal;
    }

    @GetMapping(path = "/{walletId}/events", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "listWalletEvents",
            summary = "The wallet's events, oldest first (owner, admin, auditor): sequences from 0 without gaps; "
            + "the next page starts after afterSequence, or after the cursor of the previous page")
    public PageResponse<AggregateEventResponse> events(Caller caller, @PathVariable String walletId,
                                                       @RequestParam(required = false) String afterSequence,
                                                       @RequestParam(required = false) String cursor,
                                                       @RequestParam(required = false) Integer limit) {
        RequestValidation validation = new RequestValidation();
        long after = EventHistory.afterSequence(afterSequence, cursor, validation);
        int pageSize = PageLimit.of(limit);
        validation.throwIfInvalid();
        String id = wallets.requireVisibleInEventStore(caller, walletId);
        return history.ofAggregate(WalletReads.AGGREGATE_TYPE, id, after, pageSize);
    }

    @GetMapping(path = "/{walletId}/balance", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "getBalanceAsOf",
            summary = "The wallet's balance, held and available amounts right after its last event at or before "
            + "asOf (owner, admin, auditor); version is its event count then, 0 before it was opened")
    public BalanceAsOfResponse balance(Caller caller, @PathVariable String walletId,
                                       @RequestParam(required = false) String asOf) {
        RequestValidation validation = new RequestValidation();
        Instant at = QueryParams.instant(asOf, "asOf", validation);
        if (asOf == null) {
            validation.reject("asOf", "is required");
        }
        validation.throwIfInvalid();
        WalletView wallet = wallets.visible(caller, walletId, null);
        return queries.query(new FindBalanceAsOfQuery(wallet.walletId(), at),
                        ResponseTypes.optionalInstanceOf(BalanceAsOfView.class)).join()
                .map(BalanceAsOfResponse::of)
                .orElseThrow(() -> LedgerException.notFound("wallet " + walletId));
    }

    @GetMapping(path = "/{walletId}/entries.csv", produces = "text/csv")
    @Operation(operationId = "entriesCsv",
            summary = "The wallet's journal as CSV, newest first, streamed (owner, admin, auditor): a header line, "
            + "then the columns of GET /entries in that order; an empty cell is null; from included, to excluded")
    public ResponseEntity<StreamingResponseBody> entriesCsv(Caller caller, @PathVariable String walletId,
                                                            @RequestParam(required = false) String from,
                                                            @RequestParam(required = false) String to) {
        RequestValidation validation = new RequestValidation();
        Instant fromInstant = QueryParams.instant(from, "from", validation);
        Instant toInstant = QueryParams.instant(to, "to", validation);
        validation.throwIfInvalid();
        WalletView wallet = wallets.visible(caller, walletId, null);
        StreamingResponseBody csv = out -> {
            Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 16 * 1024);
            CsvWriter lines = new CsvWriter(writer);
            lines.row((Object[]) CSV_COLUMNS);
            try {
                journal.export(wallet.walletId(), fromInstant, toInstant, entry -> lines.row(cells(entry)));
            } catch (UncheckedIOException clientGone) {
                throw clientGone.getCause();
            }
            writer.flush();
        };
        return ResponseEntity.ok()
                .contentType(TEXT_CSV)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename("wallet-" + wallet.walletId() + "-entries.csv").build().toString())
                .body(csv);
    }

    private static Object[] cells(EntryView entry) {
        return new Object[] {entry.entryId(), entry.sequence(), entry.type().name(),
                entry.amount() == null ? null : entry.amount().toDecimalString(),
                entry.balanceAfter().toDecimalString(), entry.heldAfter().toDecimalString(),
                entry.availableAfter().toDecimalString(), entry.reference(), entry.counterparty(),
                entry.idempotencyKey(), entry.occurredAt()};
    }
}
