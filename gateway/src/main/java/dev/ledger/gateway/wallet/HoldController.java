package dev.ledger.gateway.wallet;

import dev.ledger.events.problem.ErrorCode;
import dev.ledger.events.wallet.CaptureHoldCommand;
import dev.ledger.events.wallet.HoldPage;
import dev.ledger.events.wallet.HoldStatus;
import dev.ledger.events.wallet.HoldView;
import dev.ledger.events.wallet.ListHoldsQuery;
import dev.ledger.events.wallet.PlaceHoldCommand;
import dev.ledger.events.wallet.VoidHoldCommand;
import dev.ledger.gateway.apikey.Caller;
import dev.ledger.gateway.http.NoFields;
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
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
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

/** Holds, the two-phase payments of API.md §3: place, capture (in full or in part), void, expire by themselves. */
@RestController
@RequestMapping(path = "/api/wallets/{walletId}/holds", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Holds", description = "Money of a wallet reserved until captured, voided or expired")
public class HoldController {

    static final long DEFAULT_EXPIRY_SECONDS = 900;

    private final CommandDispatcher commands;
    private final QueryGateway queries;
    private final WalletReads wallets;

    public HoldController(CommandDispatcher commands, QueryGateway queries, WalletReads wallets) {
        this.commands = commands;
        this.queries = queries;
        this.wallets = wallets;
    }

    @PostMapping
    @ApiContract(status = 201, errors = {ErrorCode.INSUFFICIENT_FUNDS, ErrorCode.WALLET_NOT_ACTIVE})
    @Operation(operationId = "placeHold",
            summary = "Place a hold: reserve money of the wallet until captured, voided or expired (default 900 s)")
    public ResponseEntity<HoldResponse> place(Caller caller, @PathVariable String walletId,
                                              IdempotencyKeyHeader key,
                                              @Valid @RequestBody WalletRequests.PlaceHold body) {
        String id = PathIds.require(walletId, "wallet");
        IdempotencyKey idempotency = key.required(body);
        PlaceHoldCommand command = new PlaceHoldCommand(id, UUID.randomUUID().toString(), UUID.randomUUID().toString(),
                body.amount(), body.expiresInSeconds() == null ? DEFAULT_EXPIRY_SECONDS : body.expiresInSeconds(),
                body.reference(), caller.actor(), body.metadata());
        Dispatched<HoldView> placed = commands.send(command, caller, idempotency, HoldView.class);
        return placed.respond(HttpStatus.CREATED, HoldResponse.of(placed.result()));
    }

    @PostMapping("/{holdId}/capture")
    @ApiContract(errors = {ErrorCode.HOLD_NOT_ACTIVE, ErrorCode.CAPTURE_EXCEEDS_HOLD})
    @Operation(operationId = "captureHold", summary = "Capture a hold in full, or in part (the rest is released)")
    public ResponseEntity<HoldResponse> capture(Caller caller, @PathVariable String walletId,
                                                @PathVariable String holdId, IdempotencyKeyHeader key,
                                                @Valid @RequestBody WalletRequests.CaptureHold body) {
        String id = PathIds.require(walletId, "wallet");
        String hold = PathIds.require(holdId, "hold");
        IdempotencyKey idempotency = key.required(body);
        Dispatched<HoldView> captured = commands.send(
                new CaptureHoldCommand(id, hold, UUID.randomUUID().toString(), body.amount(), caller.actor()), caller,
                idempotency, HoldView.class);
        return captured.respond(HttpStatus.OK, HoldResponse.of(captured.result()));
    }

    @PostMapping("/{holdId}/void")
    @ApiContract(errors = ErrorCode.HOLD_NOT_ACTIVE)
    @Operation(operationId = "voidHold", summary = "Void a hold: its money is available again")
    public ResponseEntity<HoldResponse> voidHold(Caller caller, @PathVariable String walletId,
                                                 @PathVariable String holdId, IdempotencyKeyHeader key,
                                                 @Parameter(hidden = true) @Valid @RequestBody NoFields body) {
        String id = PathIds.require(walletId, "wallet");
        String hold = PathIds.require(holdId, "hold");
        IdempotencyKey idempotency = key.required(body);
        Dispatched<HoldView> voided = commands.send(
                new VoidHoldCommand(id, hold, UUID.randomUUID().toString(), caller.actor()), caller, idempotency,
                HoldView.class);
        return voided.respond(HttpStatus.OK, HoldResponse.of(voided.result()));
    }

    @GetMapping
    @Operation(operationId = "listHolds",
            summary = "The wallet's holds, newest first; metadata[key]=value filters (several are ANDed)")
    public PageResponse<HoldResponse> list(Caller caller, HttpServletRequest request, @PathVariable String walletId,
                                           @RequestParam(required = false) String status,
                                           @RequestParam(required = false) Integer limit,
                                           @RequestParam(required = false) String cursor) {
        RequestValidation validation = new RequestValidation();
        HoldStatus wanted = QueryParams.oneOf(status, HoldStatus.class, "status", validation);
        Map<String, String> metadata = QueryParams.metadata(request.getParameterMap(), validation);
        int pageSize = PageLimit.of(limit);
        validation.throwIfInvalid();
        String id = wallets.visible(caller, walletId, null).walletId();
        HoldPage page = queries.query(new ListHoldsQuery(id, wanted, metadata, pageSize, cursor), HoldPage.class).join();
        return PageResponse.of(page.items(), page.nextCursor(), HoldResponse::of);
    }
}
