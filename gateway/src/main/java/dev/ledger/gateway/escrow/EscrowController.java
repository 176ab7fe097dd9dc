package dev.ledger.gateway.escrow;

import dev.ledger.events.access.Role;
import dev.ledger.events.escrow.CreateEscrowCommand;
import dev.ledger.events.escrow.EscrowPage;
import dev.ledger.events.escrow.EscrowRole;
import dev.ledger.events.escrow.EscrowState;
import dev.ledger.events.escrow.EscrowView;
import dev.ledger.events.escrow.FundEscrowCommand;
import dev.ledger.events.escrow.ListEscrowsQuery;
import dev.ledger.events.escrow.RefundEscrowCommand;
import dev.ledger.events.escrow.ReleaseEscrowCommand;
import dev.ledger.events.money.Amount;
import dev.ledger.events.money.AmountFormat.InvalidAmountException;
import dev.ledger.events.money.Money;
import dev.ledger.events.problem.ErrorCode;
import dev.ledger.events.text.Text;
import dev.ledger.gateway.apikey.Caller;
import dev.ledger.gateway.http.CurrencyCode;
import dev.ledger.gateway.http.FreeText;
import dev.ledger.gateway.http.IssuedId;
import dev.ledger.gateway.http.MetadataEntries;
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
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
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
 * Escrows (API.md §5). The escrow finds its wallets' owners and currencies in the wallets themselves when it is
 * created, and each transition moves the money in the same transaction as the escrow's own event, so the call
 * answers once the move has settled.
 */
@RestController
@RequestMapping(path = "/api/escrows", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Escrows", description = "Money held between a buyer and a seller until released, refunded or expired")
public class EscrowController {

    static final long DEFAULT_EXPIRY_SECONDS = 86_400;

    private final CommandDispatcher commands;
    private final QueryGateway queries;
    private final EscrowReads escrows;

    public EscrowController(CommandDispatcher commands, QueryGateway queries, EscrowReads escrows) {
        this.commands = commands;
        this.queries = queries;
        this.escrows = escrows;
    }

    record CreateEscrow(@Schema(requiredMode = Schema.RequiredMode.REQUIRED) @NotNull(message = "is required")
                        @IssuedId String buyerWalletId,
                        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) @NotNull(message = "is required")
                        @IssuedId String sellerWalletId,
                        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) @NotNull(message = "is required")
                        Amount amount,
                        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) @NotNull(message = "is required")
                        @CurrencyCode String currency,
                        @Schema(minimum = "1", maximum = "2592000")
                        @Min(value = 1, message = "must be between 1 and 2592000")
                        @Max(value = 2_592_000, message = "must be between 1 and 2592000") Integer expiresInSeconds,
                        @Schema(maxLength = Text.MAX_LENGTH) @FreeText String description,
                        @MetadataEntries Map<String, String> metadata) {
    }

    @PostMapping
    @ApiContract(status = 201, location = true, errors = {ErrorCode.CURRENCY_MISMATCH, ErrorCode.WALLET_NOT_ACTIVE})
    @Operation(operationId = "createEscrow",
            summary = "Open an escrow from the buyer's wallet to the seller's (owner of the buyer wallet, admin)")
    public ResponseEntity<EscrowResponse> create(Caller caller, IdempotencyKeyHeader key,
                                                 @Valid @RequestBody CreateEscrow body) {
        String buyerWallet = PathIds.normalize(body.buyerWalletId());
        String sellerWallet = PathIds.normalize(body.sellerWalletId());
        RequestValidation validation = new RequestValidation();
        Money amount = null;
        try {
            amount = body.amount().in(body.currency());
        } catch (InvalidAmountException e) {
            validation.reject("amount", e.getMessage());
        }
        if (buyerWallet.equals(sellerWallet)) {
            validation.reject("sellerWalletId", "must differ from buyerWalletId");
        }
        validation.throwIfInvalid();
        IdempotencyKey idempotency = key.required(body);
        CreateEscrowCommand command = new CreateEscrowCommand(UUID.randomUUID().toString(), buyerWallet, sellerWallet,
                amount, body.expiresInSeconds() == null ? DEFAULT_EXPIRY_SECONDS : body.expiresInSeconds(),
                body.description(), caller.actor(), body.metadata());
        Dispatched<EscrowView> created = commands.send(command, caller, idempotency, EscrowView.class);
        return ResponseEntity.status(HttpStatus.CREATED)
                .location(URI.create("/api/escrows/" + created.result().escrowId()))
                .headers(created.respond(HttpStatus.CREATED, null).getHeaders())
                .body(EscrowResponse.of(created.result()));
    }

    @PostMapping("/{escrowId}/fund")
    @ApiContract(mayAccept = true, errors = {
            ErrorCode.INVALID_STATE_TRANSITION, ErrorCode.INSUFFICIENT_FUNDS, ErrorCode.WALLET_NOT_ACTIVE})
    @Operation(operationId = "fundEscrow",
            summary = "CREATED → FUNDED: hold the amount on the buyer wallet (buyer, admin)")
    public ResponseEntity<EscrowResponse> fund(Caller caller, @PathVariable String escrowId,
                                               IdempotencyKeyHeader key,
                                               @Parameter(hidden = true) @Valid @RequestBody NoFields body) {
        return transition(caller, escrowId, key, body, id -> new FundEscrowCommand(id, caller.actor()));
    }

    @PostMapping("/{escrowId}/release")
    @ApiContract(mayAccept = true, errors = {ErrorCode.INVALID_STATE_TRANSITION, ErrorCode.WALLET_NOT_ACTIVE})
    @Operation(operationId = "releaseEscrow",
            summary = "FUNDED → RELEASED: capture the hold and credit the seller (buyer, admin)")
    public ResponseEntity<EscrowResponse> release(Caller caller, @PathVariable String escrowId,
                                                  IdempotencyKeyHeader key,
                                                  @Parameter(hidden = true) @Valid @RequestBody NoFields body) {
        return transition(caller, escrowId, key, body, id -> new ReleaseEscrowCommand(id, caller.actor()));
    }

    @PostMapping("/{escrowId}/refund")
    @ApiContract(mayAccept = true, errors = ErrorCode.INVALID_STATE_TRANSITION)
    @Operation(operationId = "refundEscrow", summary = "FUNDED → REFUNDED: void the hold (buyer, admin)")
    public ResponseEntity<EscrowResponse> refund(Caller caller, @PathVariable String escrowId,
                                                 IdempotencyKeyHeader key,
                                                 @Parameter(hidden = true) @Valid @RequestBody NoFields body) {
        return transition(caller, escrowId, key, body, id -> new RefundEscrowCommand(id, caller.actor()));
    }

    @GetMapping("/{escrowId}")
    @Operation(operationId = "getEscrow",
            summary = "Read an escrow (buyer, seller, admin, auditor); minVersion waits for the read model")
    public EscrowResponse get(Caller caller, @PathVariable String escrowId,
                              @RequestParam(required = false) Long minVersion) {
        return EscrowResponse.of(escrows.visible(caller, escrowId, minVersion));
    }

    @GetMapping
    @Operation(operationId = "listEscrows", summary = "List escrows: a client sees those where it is buyer or seller; "
            + "admins and auditors all; metadata[key]=value filters (several are ANDed)")
    public PageResponse<EscrowResponse> list(Caller caller, HttpServletRequest request,
                                             @RequestParam(required = false) String role,
                                             @RequestParam(required = false) String state,
                                             @RequestParam(required = false) Integer limit,
                                             @RequestParam(required = false) String cursor) {
        RequestValidation validation = new RequestValidation();
        EscrowRole wantedRole = role == null ? null
                : QueryParams.oneOf(role.toUpperCase(Locale.ROOT), EscrowRole.class, "role", validation);
        if (role != null && !role.equals(role.toLowerCase(Locale.ROOT))) {
            validation.reject("role", "must be buyer or seller");
        }
        EscrowState wantedState = QueryParams.oneOf(state, EscrowState.class, "state", validation);
        Map<String, String> metadata = QueryParams.metadata(request.getParameterMap(), validation);
        int pageSize = PageLimit.of(limit);
        validation.throwIfInvalid();
        String participant = caller.is(Role.CLIENT) ? caller.userId() : null;
        EscrowPage page = queries.query(new ListEscrowsQuery(participant, participant == null ? null : wantedRole,
                wantedState, metadata, pageSize, cursor), EscrowPage.class).join();
        return PageResponse.of(page.items(), page.nextCursor(), EscrowResponse::of);
    }

    private ResponseEntity<EscrowResponse> transition(Caller caller, String escrowId, IdempotencyKeyHeader key,
                                                      NoFields body, Function<String, Object> command) {
        String id = PathIds.require(escrowId, "escrow");
        IdempotencyKey idempotency = key.required(body);
        Dispatched<EscrowView> done = commands.send(command.apply(id), caller, idempotency, EscrowView.class);
        return done.respond(HttpStatus.OK, EscrowResponse.of(done.result()));
    }

}
