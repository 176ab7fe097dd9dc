package dev.ledger.gateway.transfer;

import dev.ledger.events.problem.ErrorCode;
import dev.ledger.events.problem.LedgerException;
import dev.ledger.events.text.Text;
import dev.ledger.events.transfer.FindTransferQuery;
import dev.ledger.events.transfer.SendTransferCommand;
import dev.ledger.events.transfer.TransferRecord;
import dev.ledger.events.transfer.TransferStatus;
import dev.ledger.events.transfer.TransferView;
import dev.ledger.events.wallet.WalletView;
import dev.ledger.gateway.apikey.Caller;
import dev.ledger.gateway.command.CommandDispatcher;
import dev.ledger.gateway.command.CommandDispatcher.Dispatched;
import dev.ledger.gateway.command.RejectedCommand;
import dev.ledger.gateway.http.IdempotencyKey;
import dev.ledger.gateway.http.JsonBody;
import dev.ledger.gateway.http.PathIds;
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
 * Transfers (API.md §4). The source wallet decides and debits within the request; the transfer process then
 * credits the destination or returns the money. The call answers once that has settled, or 202 after the settle
 * timeout. A replay waits the same way, so it answers what the first call answered.
 */
@RestController
@RequestMapping(path = "/api/transfers", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Transfers")
public class TransferController {

    private static final long POLL_MILLIS = 10;

    private final CommandDispatcher commands;
    private final QueryGateway queries;
    private final WalletReads wallets;
    private final Duration settleTimeout;

    public TransferController(CommandDispatcher commands, QueryGateway queries, WalletReads wallets,
                              @Value("${ledger.transfers.settle-timeout:PT5S}") Duration settleTimeout) {
        this.commands = commands;
        this.queries = queries;
        this.wallets = wallets;
        this.settleTimeout = settleTimeout;
    }

    record CreateTransfer(String fromWalletId, String toWalletId, String amount,
                          @Schema(maxLength = Text.MAX_LENGTH) String reference) {
    }

    @PostMapping
    @Operation(summary = "Transfer money between two wallets of one currency",
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
        refuseCurrencyMismatchEarly(caller, from, to);
        Dispatched<TransferView> sent = commands.send(new SendTransferCommand(from, UUID.randomUUID().toString(),
                UUID.randomUUID().toString(), amount, to, reference, caller.actor()), caller, idempotency,
                TransferView.class);
        TransferView settled = awaitSettled(sent.result());
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
    @Operation(summary = "Read a transfer (owners of either wallet, admins, auditors)")
    public TransferResponse get(Caller caller, @PathVariable String transferId) {
        String id = PathIds.require(transferId, "transfer");
        return find(id).filter(record -> caller.actor().canSee(record.fromOwnerId())
                        || caller.actor().canSee(record.toOwnerId()))
                .map(record -> TransferResponse.of(record.transfer()))
                .orElseThrow(() -> LedgerException.notFound("transfer " + transferId));
    }

    /** Other currencies are refused before any money moves when both wallets are already known. */
    private void refuseCurrencyMismatchEarly(Caller caller, String from, String to) {
        Optional<WalletView> source = wallets.find(from).filter(w -> caller.actor().canSee(w.ownerId()));
        Optional<WalletView> destination = wallets.find(to);
        if (source.isPresent() && destination.isPresent()
                && !source.get().currency().equals(destination.get().currency())) {
            throw new LedgerException(ErrorCode.CURRENCY_MISMATCH, "wallet " + from + " holds "
                    + source.get().currency() + " but wallet " + to + " holds " + destination.get().currency());
        }
    }

    private TransferView awaitSettled(TransferView sent) {
        long deadline = System.nanoTime() + settleTimeout.toNanos();
        TransferView latest = sent;
        while (System.nanoTime() < deadline) {
            Optional<TransferRecord> current = find(sent.transferId());
            if (current.isPresent()) {
                latest = current.get().transfer();
                if (latest.status() != TransferStatus.PENDING) {
                    return latest;
                }
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return latest;
            }
        }
        return latest;
    }

    private Optional<TransferRecord> find(String transferId) {
        return queries.query(new FindTransferQuery(transferId), ResponseTypes.optionalInstanceOf(TransferRecord.class))
                .join();
    }
}
