package dev.ledger.gateway.transfer;

import dev.ledger.events.problem.ErrorCode;
import dev.ledger.events.problem.LedgerException;
import dev.ledger.events.text.Text;
import dev.ledger.events.transfer.FindTransferQuery;
import dev.ledger.events.transfer.FindTransferWalletsQuery;
import dev.ledger.events.transfer.SendTransferCommand;
import dev.ledger.events.transfer.TransferRecord;
import dev.ledger.events.transfer.TransferStatus;
import dev.ledger.events.transfer.TransferView;
import dev.ledger.events.transfer.TransferWallets;
import dev.ledger.gateway.apikey.Caller;
import dev.ledger.gateway.command.CommandDispatcher;
import dev.ledger.gateway.command.CommandDispatcher.Dispatched;
import dev.ledger.gateway.command.RejectedCommand;
import dev.ledger.gateway.http.IdempotencyKey;
import dev.ledger.gateway.http.JsonBody;
import dev.ledger.gateway.http.PathIds;
import dev.ledger.gateway.http.ReadYourWrites;
import dev.ledger.gateway.openapi.ApiContract;
import dev.ledger.gateway.problem.IdempotencyHeaders;
import dev.ledger.gateway.wallet.WalletReads;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.time.Duration;
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
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
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

    record CreateTransfer(@Schema(requiredMode = Schema.RequiredMode.REQUIRED) String fromWalletId,
                          @Schema(requiredMode = Schema.RequiredMode.REQUIRED) String toWalletId,
                          @Schema(requiredMode = Schema.RequiredMode.REQUIRED) String amount,
                          @Schema(maxLength = Text.MAX_LENGTH) String reference) {
    }

    @PostMapping
    @ApiContract(status = 201, location = true, mayAccept = true, errors = {
            ErrorCode.INSUFFICIENT_FUNDS, ErrorCode.CURRENCY_MISMATCH, ErrorCode.WALLET_NOT_ACTIVE})
    @Operation(operationId = "createTransfer", summary = "Transfer money between two wallets of one currency",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(
                    content = @Content(schema = @Schema(implementation = CreateTransfer.class))))
    public ResponseEntity<TransferResponse> create(Caller caller, HttpServletRequest request,
                                                   @RequestHeader(name = IdempotencyHeaders.KEY, required = false) String key,
                                                   JsonBody body) {
        body.allow("fromWalletId", "toWalletId", "amount", "reference");
        String from = body.requiredId("fromWalletId");
        String to = body.requiredId("toWalletId");
        String amount = body.requiredString("amount");
        String reference = body.optionalText("reference");
        if (from != null && from.equals(to)) {
            body.validation().reject("toWalletId", "must differ from fromWalletId");
        }
        body.validate();
        IdempotencyKey idempotency = IdempotencyKey.required(key, "POST", request.getRequestURI(), body);
        Dispatched<TransferView> sent = commands.send(new SendTransferCommand(from, UUID.randomUUID().toString(),
                UUID.randomUUID().toString(), amount, to, reference, caller.actor()), caller, idempotency,
                TransferView.class);
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
        return shown.filter(record -> caller.actor().canSee(record.fromOwnerId())
                        || caller.actor().canSee(record.toOwnerId()))
                .map(record -> TransferResponse.of(record.transfer()))
                .orElseThrow(() -> LedgerException.notFound("transfer " + transferId));
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
