package dev.ledger.gateway.transfer;

import dev.ledger.events.access.Role;
import dev.ledger.events.money.Amount;
import dev.ledger.events.problem.ErrorCode;
import dev.ledger.events.problem.LedgerException;
import dev.ledger.events.text.Text;
import dev.ledger.events.transfer.FindTransferQuery;
import dev.ledger.events.transfer.FindTransferWalletsQuery;
import dev.ledger.events.transfer.ListTransfersQuery;
import dev.ledger.events.transfer.ReverseTransferCommand;
import dev.ledger.events.transfer.ReversibleTransfer;
import dev.ledger.events.transfer.SendTransferCommand;
import dev.ledger.events.transfer.TransferPage;
import dev.ledger.events.transfer.TransferRecord;
import dev.ledger.events.transfer.TransferStatus;
import dev.ledger.events.transfer.TransferView;
import dev.ledger.events.transfer.TransferWallets;
import dev.ledger.gateway.apikey.Caller;
import dev.ledger.gateway.http.FreeText;
import dev.ledger.gateway.http.IssuedId;
import dev.ledger.gateway.http.MetadataEntries;
import dev.ledger.gateway.http.PageLimit;
import dev.ledger.gateway.http.PageResponse;
import dev.ledger.gateway.http.PathIds;
import dev.ledger.gateway.http.QueryParams;
import dev.ledger.gateway.http.ReadYourWrites;
import dev.ledger.gateway.idempotency.CommandDispatcher;
import dev.ledger.gateway.idempotency.CommandDispatcher.Dispatched;
import dev.ledger.gateway.idempotency.IdempotencyKey;
import dev.ledger.gateway.idempotency.IdempotencyKeyHeader;
import dev.ledger.gateway.idempotency.RejectedCommand;
import dev.ledger.gateway.openapi.ApiContract;
import dev.ledger.gateway.problem.RequestValidation;
import dev.ledger.gateway.wallet.WalletReads;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.ToLongFunction;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
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
 * Transfers (API.md §4). The source wallet decides, debits itself and credits the destination in the request's own
 * transaction (docs/adr/012), so a transfer answers 201 COMPLETED, or a refusal that moved nothing. A replay of an
 * answer recorded before that change may still be PENDING: it waits for the transfer process to settle it, and
 * answers 202 if that takes longer than the settle timeout.
 */
@RestController
@RequestMapping(path = "/api/transfers", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Transfers", description = "Money moved between two wallets of one currency")
public class TransferController {

    /** A transfer has no version; what a read of it waits for is its read model showing it settled. */
    private static final ToLongFunction<TransferRecord> SETTLED =
            record -> record.transfer().status() == TransferStatus.PENDING ? 0 : 1;

    private final CommandDispatcher commands;
    private final QueryGateway queries;
    private final WalletReads wallets;
    private final ReadYourWrites readYourWrites;
    private final Duration settleTimeout;

    public TransferController(CommandDispatcher commands, QueryGateway queries, WalletReads wallets,
                              ReadYourWrites readYourWrites,
                              @Value("${ledger.transfers.settle-timeout:PT5S}") Duration settleTimeout) {
        this.commands = commands;
        this.queries = queries;
        this.wallets = wallets;
        this.readYourWrites = readYourWrites;
        this.settleTimeout = settleTimeout;
    }

    record CreateTransfer(@Schema(requiredMode = Schema.RequiredMode.REQUIRED) @NotNull(message = "is required")
                          @IssuedId String fromWalletId,
                          @Schema(requiredMode = Schema.RequiredMode.REQUIRED) @NotNull(message = "is required")
                          @IssuedId String toWalletId,
                          @Schema(requiredMode = Schema.RequiredMode.REQUIRED) @NotNull(message = "is required")
                          Amount amount,
                          @Schema(maxLength = Text.MAX_LENGTH) @FreeText String reference,
                          @MetadataEntries Map<String, String> metadata) {
    }

    record ReverseTransfer(@Schema(description = "defaults to what is left to reverse") Amount amount,
                           @Schema(maxLength = Text.MAX_LENGTH) @FreeText String reason) {
    }

    @PostMapping
    @ApiContract(status = 201, location = true, mayAccept = true, errors = {
            ErrorCode.INSUFFICIENT_FUNDS, ErrorCode.CURRENCY_MISMATCH, ErrorCode.WALLET_NOT_ACTIVE})
    @Operation(operationId = "createTransfer", summary = "Transfer money between two wallets of one currency")
    public ResponseEntity<TransferResponse> create(Caller caller, IdempotencyKeyHeader key,
                                                   @Valid @RequestBody CreateTransfer body) {
        String from = PathIds.normalize(body.fromWalletId());
        String to = PathIds.normalize(body.toWalletId());
        if (from.equals(to)) {
            throw RequestValidation.invalid("toWalletId", "must differ from fromWalletId");
        }
        IdempotencyKey idempotency = key.required(body);
        Dispatched<TransferView> sent = commands.send(new SendTransferCommand(from, UUID.randomUUID().toString(),
                UUID.randomUUID().toString(), body.amount(), to, body.reference(), caller.actor(), null,
                body.metadata()), caller, idempotency, TransferView.class);
        TransferView settled = sent.result().status() == TransferStatus.PENDING
                ? awaitSettled(sent.result()) : sent.result();
        if (settled.status() == TransferStatus.FAILED) {
            ErrorCode code = ErrorCode.fromCode(settled.failureCode());
            throw new RejectedCommand(new LedgerException(code, "transfer " + settled.transferId()
                    + " failed at the destination wallet: " + code.code(),
                    Map.of("transferId", settled.transferId())), sent.replayed());
        }
        HttpHeaders headers = sent.respond(HttpStatus.OK, null).getHeaders();
        if (settled.status() == TransferStatus.PENDING) {
            return ResponseEntity.status(HttpStatus.ACCEPTED).headers(headers)
                    .location(URI.create("/api/transfers/" + settled.transferId()))
                    .body(TransferResponse.of(settled));
        }
        return ResponseEntity.status(HttpStatus.CREATED).headers(headers)
                .location(URI.create("/api/transfers/" + settled.transferId()))
                .body(TransferResponse.of(settled));
    }

    @GetMapping("/{transferId}")
    @Operation(operationId = "getTransfer", summary = "Read a transfer (owners of either wallet, admins, auditors)")
    public TransferResponse get(Caller caller, @PathVariable String transferId) {
        return TransferResponse.of(visible(caller, transferId));
    }

    private TransferView visible(Caller caller, String transferId) {
        String id = PathIds.require(transferId, "transfer");
        Optional<TransferRecord> shown = find(id);
        if (shown.map(record -> record.transfer().status() == TransferStatus.PENDING).orElse(true)) {
            Optional<TransferWallets> made = madeInOneTransaction(id);
            if (made.isPresent()) {
                requireVisibleInEventStore(caller, made.get(), transferId);
                // it settled in the transaction that made it: wait until its read model says so too
                shown = readYourWrites.await(1L, () -> find(id), SETTLED);
            }
        }
        return shown.filter(record -> maySee(caller, record.fromOwnerId(), record.transfer().fromWalletId())
                        || maySee(caller, record.toOwnerId(), record.transfer().toWalletId()))
                .map(TransferRecord::transfer)
                .orElseThrow(() -> LedgerException.notFound("transfer " + transferId));
    }

    /**
     * Whether the caller may see a wallet of a transfer. Its owner comes from the wallets read model, which may not
     * show a wallet opened a moment before the transfer yet (another processor fills it): the wallet's own events
     * decide then, so its owner never reads a 404 for a transfer it was just paid.
     */
    private boolean maySee(Caller caller, String owner, String walletId) {
        return owner != null ? caller.actor().canSee(owner) : wallets.isVisibleInEventStore(caller, walletId);
    }

    @GetMapping
    @Operation(operationId = "listTransfers", summary = "List transfers, newest first: a client sees those touching its own wallets; admins and "
            + "auditors all. Filters: walletId, status, and metadata[key]=value (several are ANDed)")
    public PageResponse<TransferResponse> list(Caller caller, HttpServletRequest request,
                                               @RequestParam(required = false) String walletId,
                                               @RequestParam(required = false) String status,
                                               @RequestParam(required = false) Integer limit,
                                               @RequestParam(required = false) String cursor) {
        RequestValidation validation = new RequestValidation();
        if (walletId != null && !PathIds.isId(walletId)) {
            validation.reject("walletId", "must be an id issued by this API");
        }
        TransferStatus wantedStatus = QueryParams.oneOf(status, TransferStatus.class, "status", validation);
        Map<String, String> metadata = QueryParams.metadata(request.getParameterMap(), validation);
        int pageSize = PageLimit.of(limit);
        validation.throwIfInvalid();
        String owner = caller.is(Role.CLIENT) ? caller.userId() : null;
        TransferPage page = queries.query(new ListTransfersQuery(owner,
                walletId == null ? null : walletId.toLowerCase(Locale.ROOT), wantedStatus, metadata, pageSize,
                cursor), TransferPage.class).join();
        return PageResponse.of(page.items(), page.nextCursor(), TransferResponse::of);
    }

    /**
     * A new transfer back from the original's destination to its source, in part or all that is left (API.md §4).
     * What it reverses is taken from what the original's own transaction recorded (docs/adr/016); the reversals of one
     * transfer are counted in its own stream, so that together they never exceed it.
     */
    @PostMapping("/{transferId}/reverse")
    @ApiContract(status = 201, location = true, errors = {ErrorCode.INVALID_STATE_TRANSITION,
            ErrorCode.REVERSAL_EXCEEDS_TRANSFER, ErrorCode.INSUFFICIENT_FUNDS, ErrorCode.WALLET_NOT_ACTIVE})
    @Operation(operationId = "reverseTransfer", summary = "Reverse a completed transfer, in part or in full (owner of its destination wallet, admin)")
    public ResponseEntity<TransferResponse> reverse(Caller caller, @PathVariable String transferId,
                                                    IdempotencyKeyHeader key,
                                                    @Valid @RequestBody ReverseTransfer body) {
        String id = PathIds.require(transferId, "transfer");
        ReversibleTransfer original = reversible(caller, id);
        if (!caller.actor().isAdmin() && !(caller.is(Role.CLIENT)
                && wallets.isVisibleInEventStore(caller, original.toWalletId()))) {
            throw LedgerException.forbidden("only the owner of the destination wallet or an admin reverses a transfer");
        }
        IdempotencyKey idempotency = key.required(body);
        Dispatched<TransferView> reversal = commands.send(new ReverseTransferCommand(id, UUID.randomUUID().toString(),
                body.amount(), body.reason(), original, caller.actor()), caller, idempotency, TransferView.class);
        return ResponseEntity.status(HttpStatus.CREATED)
                .headers(reversal.respond(HttpStatus.CREATED, null).getHeaders())
                .location(URI.create("/api/transfers/" + reversal.result().transferId()))
                .body(TransferResponse.of(reversal.result()));
    }

    /**
     * The transfer a reversal names, if the caller may see it: as its own transaction recorded it, or, for a transfer
     * of the former flow (docs/adr/006), as its read model shows it once settled — a settled transfer never changes.
     */
    private ReversibleTransfer reversible(Caller caller, String transferId) {
        Optional<TransferWallets> made = madeInOneTransaction(transferId).filter(lookup -> lookup.amount() != null);
        if (made.isPresent()) {
            requireVisibleInEventStore(caller, made.get(), transferId);
            TransferWallets transfer = made.get();
            return new ReversibleTransfer(transfer.fromWalletId(), transfer.toWalletId(), transfer.amount(),
                    TransferStatus.COMPLETED, transfer.reversalOf());
        }
        TransferView shown = visible(caller, transferId);
        return new ReversibleTransfer(shown.fromWalletId(), shown.toWalletId(), shown.amount(), shown.status(),
                shown.reversalOf());
    }

    /**
     * The wallets of a transfer made since transfers settle in one transaction (docs/adr/012), recorded in that
     * transaction: such a transfer exists, and is settled, whatever its read model shows yet. Empty for an unknown
     * transfer, and for one of the former flow, whose read model row is the truth.
     */
    private Optional<TransferWallets> madeInOneTransaction(String transferId) {
        return queries.query(new FindTransferWalletsQuery(transferId),
                ResponseTypes.optionalInstanceOf(TransferWallets.class)).join();
    }

    /** Whether the caller may see a transfer its read model does not show yet: the wallets' own events say. */
    private void requireVisibleInEventStore(Caller caller, TransferWallets involved, String transferId) {
        if (!wallets.isVisibleInEventStore(caller, involved.fromWalletId())
                && !wallets.isVisibleInEventStore(caller, involved.toWalletId())) {
            throw LedgerException.notFound("transfer " + transferId);
        }
    }

    private TransferView awaitSettled(TransferView sent) {
        return ReadYourWrites.pollUntil(() -> find(sent.transferId()).map(TransferRecord::transfer),
                        transfer -> transfer.status() != TransferStatus.PENDING, settleTimeout)
                .orElse(sent);
    }

    private Optional<TransferRecord> find(String transferId) {
        return queries.query(new FindTransferQuery(transferId), ResponseTypes.optionalInstanceOf(TransferRecord.class))
                .join();
    }
}
