package dev.ledger.gateway.transaction;

import dev.ledger.events.access.Role;
import dev.ledger.events.money.Amount;
import dev.ledger.events.money.AmountFormat.InvalidAmountException;
import dev.ledger.events.money.Money;
import dev.ledger.events.problem.ErrorCode;
import dev.ledger.events.problem.LedgerException;
import dev.ledger.events.text.Text;
import dev.ledger.events.transaction.LegDirection;
import dev.ledger.events.transaction.ListTransactionsQuery;
import dev.ledger.events.transaction.PostTransactionCommand;
import dev.ledger.events.transaction.ReverseTransactionCommand;
import dev.ledger.events.transaction.TransactionLeg;
import dev.ledger.events.transaction.TransactionPage;
import dev.ledger.events.transaction.TransactionView;
import dev.ledger.gateway.apikey.Caller;
import dev.ledger.gateway.http.CurrencyCode;
import dev.ledger.gateway.http.FreeText;
import dev.ledger.gateway.http.IssuedId;
import dev.ledger.gateway.http.MetadataEntries;
import dev.ledger.gateway.http.PageLimit;
import dev.ledger.gateway.http.PageResponse;
import dev.ledger.gateway.http.PathIds;
import dev.ledger.gateway.http.QueryParams;
import dev.ledger.gateway.idempotency.CommandDispatcher;
import dev.ledger.gateway.idempotency.CommandDispatcher.Dispatched;
import dev.ledger.gateway.idempotency.IdempotencyKey;
import dev.ledger.gateway.idempotency.IdempotencyKeyHeader;
import dev.ledger.gateway.openapi.ApiContract;
import dev.ledger.gateway.problem.RequestValidation;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Transactions over several wallets, all legs or none (API.md §9). The transaction decides and books every leg in
 * the request's own database transaction (docs/adr/016), so it answers 201 POSTED, or a refusal that moved nothing.
 */
@RestController
@RequestMapping(path = "/api/transactions", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Transactions",
        description = "Balanced multi-leg movements between wallets of one currency, all or nothing, and their reversal")
public class TransactionController {

    private final CommandDispatcher commands;
    private final QueryGateway queries;
    private final TransactionReads transactions;

    public TransactionController(CommandDispatcher commands, QueryGateway queries, TransactionReads transactions) {
        this.commands = commands;
        this.queries = queries;
        this.transactions = transactions;
    }

    record Leg(@NotNull(message = "is required") @IssuedId String walletId,
               @Schema(allowableValues = {"debit", "credit"}) @NotNull(message = "is required") String direction,
               @NotNull(message = "is required") Amount amount) {
    }

    record PostTransaction(@NotNull(message = "is required") @CurrencyCode String currency,
                           @Schema(minLength = 2, maxLength = 50) @NotNull(message = "is required")
                           @Valid List<Leg> legs,
                           @Schema(maxLength = Text.MAX_LENGTH) @FreeText String reference,
                           @MetadataEntries Map<String, String> metadata) {
    }

    record ReverseTransaction(@Schema(maxLength = Text.MAX_LENGTH) @FreeText String reason) {
    }

    @PostMapping
    @ApiContract(status = 201, location = true, errors = {
            ErrorCode.INSUFFICIENT_FUNDS, ErrorCode.CURRENCY_MISMATCH, ErrorCode.WALLET_NOT_ACTIVE})
    @Operation(operationId = "postTransaction", summary = "Post a balanced transaction over several wallets of one currency, all legs or none "
            + "(admin, or a client owning every debited wallet)")
    public ResponseEntity<TransactionResponse> post(Caller caller, IdempotencyKeyHeader key,
                                                    @Valid @RequestBody PostTransaction body) {
        RequestValidation validation = new RequestValidation();
        List<TransactionLeg> legs = new ArrayList<>();
        for (int i = 0; i < body.legs().size(); i++) {
            Leg leg = body.legs().get(i);
            LegDirection direction = direction(leg.direction(), "legs[" + i + "].direction", validation);
            Money amount = amount(leg.amount(), body.currency(), "legs[" + i + "].amount", validation);
            if (direction != null && amount != null) {
                legs.add(new TransactionLeg(PathIds.normalize(leg.walletId()), direction, amount));
            }
        }
        validation.throwIfInvalid();
        IdempotencyKey idempotency = key.required(body);
        Dispatched<TransactionView> posted = commands.send(new PostTransactionCommand(UUID.randomUUID().toString(),
                body.currency(), legs, body.reference(), body.metadata(), null, caller.actor()), caller, idempotency,
                TransactionView.class);
        return created(posted);
    }

    @GetMapping("/{transactionId}")
    @Operation(operationId = "getTransaction", summary = "Read a transaction (owners of any leg's wallet, admins, auditors)")
    public TransactionResponse get(Caller caller, @PathVariable String transactionId) {
        return TransactionResponse.of(transactions.visible(caller, transactionId));
    }

    @GetMapping
    @Operation(operationId = "listTransactions", summary = "List transactions, newest first: a client sees those touching its own wallets; admins and "
            + "auditors all. Filters: walletId, and metadata[key]=value (several are ANDed)")
    public PageResponse<TransactionResponse> list(Caller caller, HttpServletRequest request,
                                                  @RequestParam(required = false) String walletId,
                                                  @RequestParam(required = false) Integer limit,
                                                  @RequestParam(required = false) String cursor) {
        RequestValidation validation = new RequestValidation();
        if (walletId != null && !PathIds.isId(walletId)) {
            validation.reject("walletId", "must be an id issued by this API");
        }
        Map<String, String> metadata = QueryParams.metadata(request.getParameterMap(), validation);
        int pageSize = PageLimit.of(limit);
        validation.throwIfInvalid();
        String owner = caller.is(Role.CLIENT) ? caller.userId() : null;
        TransactionPage page = queries.query(new ListTransactionsQuery(owner,
                        walletId == null ? null : walletId.toLowerCase(Locale.ROOT), metadata, pageSize,
                        cursor), TransactionPage.class).join();
        return PageResponse.of(page.items(), page.nextCursor(), TransactionResponse::of);
    }

    @PostMapping("/{transactionId}/reverse")
    @ApiContract(status = 201, location = true, errors = {ErrorCode.INVALID_STATE_TRANSITION,
            ErrorCode.INSUFFICIENT_FUNDS, ErrorCode.CURRENCY_MISMATCH, ErrorCode.WALLET_NOT_ACTIVE})
    @Operation(operationId = "reverseTransaction", summary = "Reverse a transaction with a new one that swaps every leg; once only (admin)",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = false,
                    content = @Content(schema = @Schema(implementation = ReverseTransaction.class))))
    public ResponseEntity<TransactionResponse> reverse(Caller caller, @PathVariable String transactionId,
                                                       IdempotencyKeyHeader key,
                                                       @Valid @RequestBody ReverseTransaction body) {
        String id = transactions.requireVisibleInEventStore(caller, transactionId);
        if (!caller.actor().isAdmin()) {
            throw LedgerException.forbidden("only an admin reverses a transaction");
        }
        IdempotencyKey idempotency = key.required(body);
        Dispatched<TransactionView> reversal = commands.send(new ReverseTransactionCommand(id,
                UUID.randomUUID().toString(), body.reason(), caller.actor()), caller, idempotency, TransactionView.class);
        return created(reversal);
    }

    private static ResponseEntity<TransactionResponse> created(Dispatched<TransactionView> dispatched) {
        TransactionView view = dispatched.result();
        return ResponseEntity.status(HttpStatus.CREATED)
                .headers(dispatched.respond(HttpStatus.CREATED, null).getHeaders())
                .location(URI.create("/api/transactions/" + view.transactionId()))
                .body(TransactionResponse.of(view));
    }

    private static LegDirection direction(String direction, String field, RequestValidation validation) {
        return switch (direction) {
            case "debit" -> LegDirection.DEBIT;
            case "credit" -> LegDirection.CREDIT;
            default -> {
                validation.reject(field, "must be debit or credit");
                yield null;
            }
        };
    }

    /** A leg's amount in the transaction's currency, whose scale it must fit. */
    private static Money amount(Amount amount, String currency, String field, RequestValidation validation) {
        try {
            return amount.in(currency);
        } catch (InvalidAmountException e) {
            validation.reject(field, e.getMessage());
            return null;
        }
    }
}
