package dev.ledger.gateway.wallet;

import dev.ledger.events.access.Role;
import dev.ledger.events.money.Amount;
import dev.ledger.events.money.Currencies;
import dev.ledger.events.problem.ErrorCode;
import dev.ledger.events.problem.LedgerException;
import dev.ledger.events.wallet.CloseWalletCommand;
import dev.ledger.events.wallet.DepositMoneyCommand;
import dev.ledger.events.wallet.EntryPage;
import dev.ledger.events.wallet.EntryResult;
import dev.ledger.events.wallet.EntryType;
import dev.ledger.events.wallet.FreezeWalletCommand;
import dev.ledger.events.wallet.ListEntriesQuery;
import dev.ledger.events.wallet.ListWalletsQuery;
import dev.ledger.events.wallet.OpenWalletCommand;
import dev.ledger.events.wallet.UnfreezeWalletCommand;
import dev.ledger.events.wallet.WalletPage;
import dev.ledger.events.wallet.WalletStatus;
import dev.ledger.events.wallet.WalletView;
import dev.ledger.events.wallet.WithdrawMoneyCommand;
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
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiFunction;
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

/** Wallets (API.md §3) and their journal (§7). */
@RestController
@RequestMapping(path = "/api/wallets", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Wallets", description = "Wallets, their money movements and their journal")
public class WalletController {

    private final CommandDispatcher commands;
    private final QueryGateway queries;
    private final WalletReads wallets;

    public WalletController(CommandDispatcher commands, QueryGateway queries, WalletReads wallets) {
        this.commands = commands;
        this.queries = queries;
        this.wallets = wallets;
    }

    @PostMapping
    @ApiContract(status = 201, location = true)
    @Operation(operationId = "openWallet", summary = "Open a wallet")
    public ResponseEntity<WalletResponse> open(Caller caller, IdempotencyKeyHeader key,
                                               @Valid @RequestBody WalletRequests.OpenWallet body) {
        if (caller.is(Role.ADMIN) && body.ownerId() == null) {
            throw RequestValidation.invalid("ownerId", "is required when an admin opens a wallet");
        }
        IdempotencyKey idempotency = key.required(body);
        String ownerId = body.ownerId();
        String owner = switch (caller.role()) {
            case ADMIN -> ownerId;
            case CLIENT -> {
                if (ownerId != null && !ownerId.equals(caller.userId())) {
                    throw LedgerException.forbidden("a client opens wallets for itself only");
                }
                yield caller.userId();
            }
            case AUDITOR -> throw LedgerException.forbidden("auditors do not open wallets");
        };
        String walletId = UUID.randomUUID().toString();
        Dispatched<WalletView> opened = commands.send(
                new OpenWalletCommand(walletId, owner, body.currency(), body.label(), caller.actor(),
                        body.metadata()),
                caller, idempotency, WalletView.class);
        return ResponseEntity.status(HttpStatus.CREATED)
                .location(URI.create("/api/wallets/" + opened.result().walletId()))
                .headers(opened.respond(HttpStatus.CREATED, null).getHeaders())
                .body(WalletResponse.of(opened.result()));
    }

    @GetMapping("/{walletId}")
    @Operation(operationId = "getWallet",
            summary = "Read a wallet; minVersion waits until the read model has caught up")
    public WalletResponse get(Caller caller, @PathVariable String walletId,
                              @RequestParam(required = false) Long minVersion) {
        return WalletResponse.of(wallets.visible(caller, walletId, minVersion));
    }

    @GetMapping
    @Operation(operationId = "listWallets", summary = "List wallets: a client sees its own, admins and auditors all; "
            + "metadata[key]=value filters (several are ANDed)")
    public PageResponse<WalletResponse> list(Caller caller, HttpServletRequest request,
                                             @RequestParam(required = false) String ownerId,
                                             @RequestParam(required = false) String currency,
                                             @RequestParam(required = false) String status,
                                             @RequestParam(required = false) Integer limit,
                                             @RequestParam(required = false) String cursor) {
        RequestValidation validation = new RequestValidation();
        QueryParams.identifier(ownerId, "ownerId", validation);
        if (currency != null && !Currencies.isSupported(currency)) {
            validation.reject("currency", "must be an ISO 4217 code or CRD");
        }
        WalletStatus wantedStatus = QueryParams.oneOf(status, WalletStatus.class, "status", validation);
        Map<String, String> metadata = QueryParams.metadata(request.getParameterMap(), validation);
        int pageSize = PageLimit.of(limit);
        validation.throwIfInvalid();
        String owner = ownerId;
        if (caller.is(Role.CLIENT)) {
            if (ownerId != null && !ownerId.equals(caller.userId())) {
                return new PageResponse<>(List.of(), null);
            }
            owner = caller.userId();
        }
        WalletPage page = queries.query(new ListWalletsQuery(owner, currency, wantedStatus, metadata, pageSize,
                cursor), WalletPage.class).join();
        return PageResponse.of(page.items(), page.nextCursor(), WalletResponse::of);
    }

    @PostMapping("/{walletId}/deposits")
    @ApiContract(status = 201, errors = ErrorCode.WALLET_NOT_ACTIVE)
    @Operation(operationId = "deposit", summary = "Top up a wallet (admin)")
    public ResponseEntity<EntryResultResponse> deposit(Caller caller, @PathVariable String walletId,
                                                       IdempotencyKeyHeader key,
                                                       @Valid @RequestBody WalletRequests.MoneyMovement body) {
        return moneyMovement(caller, walletId, key, body,
                (movement) -> new DepositMoneyCommand(movement.walletId(), movement.entryId(), movement.amount(),
                        movement.reference(), caller.actor()));
    }

    @PostMapping("/{walletId}/withdrawals")
    @ApiContract(status = 201, errors = {ErrorCode.INSUFFICIENT_FUNDS, ErrorCode.WALLET_NOT_ACTIVE})
    @Operation(operationId = "withdraw", summary = "Withdraw from a wallet (owner, admin)")
    public ResponseEntity<EntryResultResponse> withdraw(Caller caller, @PathVariable String walletId,
                                                        IdempotencyKeyHeader key,
                                                        @Valid @RequestBody WalletRequests.MoneyMovement body) {
        return moneyMovement(caller, walletId, key, body,
                (movement) -> new WithdrawMoneyCommand(movement.walletId(), movement.entryId(), movement.amount(),
                        movement.reference(), caller.actor()));
    }

    @PostMapping("/{walletId}/freeze")
    @ApiContract(errors = {ErrorCode.INVALID_STATE_TRANSITION, ErrorCode.WALLET_NOT_ACTIVE})
    @Operation(operationId = "freezeWallet",
            summary = "Freeze a wallet (admin): it still receives money but pays nothing out")
    public ResponseEntity<WalletResponse> freeze(Caller caller, @PathVariable String walletId,
                                                 IdempotencyKeyHeader key,
                                                 @Parameter(hidden = true) @Valid @RequestBody NoFields body) {
        return lifecycle(caller, walletId, key, body,
                (id, entryId) -> new FreezeWalletCommand(id, entryId, caller.actor()));
    }

    @PostMapping("/{walletId}/unfreeze")
    @ApiContract(errors = {ErrorCode.INVALID_STATE_TRANSITION, ErrorCode.WALLET_NOT_ACTIVE})
    @Operation(operationId = "unfreezeWallet", summary = "Unfreeze a wallet (admin)")
    public ResponseEntity<WalletResponse> unfreeze(Caller caller, @PathVariable String walletId,
                                                   IdempotencyKeyHeader key,
                                                   @Parameter(hidden = true) @Valid @RequestBody NoFields body) {
        return lifecycle(caller, walletId, key, body,
                (id, entryId) -> new UnfreezeWalletCommand(id, entryId, caller.actor()));
    }

    @PostMapping("/{walletId}/close")
    @ApiContract(errors = {ErrorCode.WALLET_NOT_EMPTY, ErrorCode.WALLET_NOT_ACTIVE, ErrorCode.INVALID_STATE_TRANSITION})
    @Operation(operationId = "closeWallet", summary = "Close an empty wallet (owner, admin)")
    public ResponseEntity<WalletResponse> close(Caller caller, @PathVariable String walletId,
                                                IdempotencyKeyHeader key,
                                                @Parameter(hidden = true) @Valid @RequestBody NoFields body) {
        return lifecycle(caller, walletId, key, body,
                (id, entryId) -> new CloseWalletCommand(id, entryId, caller.actor()));
    }

    @GetMapping("/{walletId}/entries")
    @Operation(operationId = "listEntries", summary = "The wallet's journal, newest first")
    public PageResponse<EntryResponse> entries(Caller caller, @PathVariable String walletId,
                                               @RequestParam(required = false) String from,
                                               @RequestParam(required = false) String to,
                                               @RequestParam(required = false) String type,
                                               @RequestParam(required = false) Integer limit,
                                               @RequestParam(required = false) String cursor) {
        RequestValidation validation = new RequestValidation();
        Instant fromInstant = QueryParams.instant(from, "from", validation);
        Instant toInstant = QueryParams.instant(to, "to", validation);
        EntryType entryType = QueryParams.oneOf(type, EntryType.class, "type", validation);
        int pageSize = PageLimit.of(limit);
        validation.throwIfInvalid();
        WalletView wallet = wallets.visible(caller, walletId, null);
        EntryPage page = queries.query(new ListEntriesQuery(wallet.walletId(), fromInstant, toInstant, entryType,
                pageSize, cursor), EntryPage.class).join();
        return PageResponse.of(page.items(), page.nextCursor(), EntryResponse::of);
    }

    private record Movement(String walletId, String entryId, Amount amount, String reference) {
    }

    private ResponseEntity<EntryResultResponse> moneyMovement(Caller caller, String walletId,
                                                              IdempotencyKeyHeader key,
                                                              WalletRequests.MoneyMovement body,
                                                              Function<Movement, Object> command) {
        String id = PathIds.require(walletId, "wallet");
        IdempotencyKey idempotency = key.required(body);
        Movement movement = new Movement(id, UUID.randomUUID().toString(), body.amount(), body.reference());
        Dispatched<EntryResult> done = commands.send(command.apply(movement), caller, idempotency,
                EntryResult.class);
        return done.respond(HttpStatus.CREATED, EntryResultResponse.of(done.result()));
    }

    private ResponseEntity<WalletResponse> lifecycle(Caller caller, String walletId,
                                                     IdempotencyKeyHeader key, NoFields body,
                                                     BiFunction<String, String, Object> command) {
        String id = PathIds.require(walletId, "wallet");
        IdempotencyKey idempotency = key.required(body);
        Dispatched<WalletView> done = commands.send(command.apply(id, UUID.randomUUID().toString()), caller,
                idempotency, WalletView.class);
        return done.respond(HttpStatus.OK, WalletResponse.of(done.result()));
    }

}
