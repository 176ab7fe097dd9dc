package dev.ledger.gateway.metering;

import dev.ledger.events.access.Actor;
import dev.ledger.events.money.Amount;
import dev.ledger.events.money.Money;
import dev.ledger.events.problem.ErrorCode;
import dev.ledger.events.problem.LedgerException;
import dev.ledger.events.wallet.CaptureHoldCommand;
import dev.ledger.events.wallet.HoldView;
import dev.ledger.events.wallet.InspectWalletCommand;
import dev.ledger.events.wallet.PlaceHoldCommand;
import dev.ledger.events.wallet.VoidHoldCommand;
import dev.ledger.events.wallet.WalletView;
import dev.ledger.gateway.apikey.ApiKeyFilter;
import dev.ledger.gateway.apikey.Caller;
import dev.ledger.gateway.idempotency.CommandDispatcher;
import dev.ledger.gateway.idempotency.IdempotencyHeaders;
import dev.ledger.gateway.idempotency.IdempotencyKey;
import dev.ledger.gateway.idempotency.IdempotentReplays;
import dev.ledger.gateway.idempotency.RejectedCommand;
import dev.ledger.gateway.problem.Problems;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerExecutionChain;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * Charges {@link Metered} endpoints to the caller's billing wallet, reusing holds for the two phases: the cost is
 * held before the endpoint runs (402 when it cannot be), captured when the response is a success (2xx/3xx) and
 * voided otherwise. A crash in between leaves a hold that expires by itself. With an Idempotency-Key the first
 * response is stored and every repetition replays it without another charge.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 30)
public class MeteringFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(MeteringFilter.class);

    /** Long enough for any metered call; short enough that a crash does not lock credits for long. */
    static final long HOLD_SECONDS = 120;

    private final RequestMappingHandlerMapping handlers;
    private final CommandDispatcher commands;
    private final MeteredCalls calls;
    private final Problems problems;
    private final MeterRegistry meters;
    private final IdempotentReplays replays;

    public MeteringFilter(@Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping handlers,
                          CommandDispatcher commands, MeteredCalls calls, Problems problems,
                          MeterRegistry meters, IdempotentReplays replays) {
        this.handlers = handlers;
        this.commands = commands;
        this.calls = calls;
        this.problems = problems;
        this.meters = meters;
        this.replays = replays;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith("/api/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<Metered> metered = meteredHandler(request);
        Caller caller = (Caller) request.getAttribute(ApiKeyFilter.CALLER_ATTRIBUTE);
        if (metered.isEmpty() || caller == null) {
            chain.doFilter(request, response);
            return;
        }
        try {
            charge(metered.get(), caller, request, response, chain);
        } catch (LedgerException problem) {
            problems.write(response, problem);
        } catch (RejectedCommand rejected) {
            problems.write(response, rejected.problem());
        }
    }

    private void charge(Metered metered, Caller caller, HttpServletRequest request, HttpServletResponse response,
                        FilterChain chain) throws IOException, ServletException {
        if (caller.billingWalletId() == null) {
            throw new LedgerException(ErrorCode.NO_BILLING_WALLET, "this API key has no billing wallet");
        }
        String path = request.getRequestURI() + (request.getQueryString() == null ? "" : "?" + request.getQueryString());
        IdempotencyKey idempotency = IdempotencyKey.optional(request.getHeader(IdempotencyHeaders.KEY),
                request.getMethod(), path, Map.of());
        if (idempotency != null) {
            Optional<MeteredCalls.Recorded> earlier = calls.claim(caller.principal(), idempotency.key(),
                    idempotency.requestHash());
            if (earlier.isPresent()) {
                replay(earlier.get(), idempotency, response);
                return;
            }
        }
        // every attempt holds under its own id: the key's claim above is what makes a repeated call free
        String attempt = UUID.randomUUID().toString();
        HoldView hold;
        try {
            hold = placeHold(metered, caller, attempt);
        } catch (RuntimeException refused) {
            if (idempotency != null) {
                calls.release(caller.principal(), idempotency.key());
            }
            throw refused;
        }
        ContentCachingResponseWrapper captured = new ContentCachingResponseWrapper(response);
        try {
            chain.doFilter(request, captured);
        } catch (IOException | ServletException | RuntimeException failure) {
            settle(caller, hold, attempt, false);
            if (idempotency != null) {
                calls.release(caller.principal(), idempotency.key());
            }
            throw failure;
        }
        boolean succeeded = captured.getStatus() < 400;
        settle(caller, hold, attempt, succeeded);
        if (idempotency != null) {
            calls.complete(caller.principal(), idempotency.key(), captured.getStatus(), captured.getContentType(),
                    captured.getContentAsByteArray());
        }
        captured.copyBodyToResponse();
    }

    private HoldView placeHold(Metered metered, Caller caller, String attempt) {
        WalletView wallet = billingWallet(caller);
        Amount cost = Amount.of(Money.of(metered.costMinorUnits(), wallet.currency()));
        PlaceHoldCommand command = new PlaceHoldCommand(wallet.walletId(), stepId(caller, attempt, "hold"),
                stepId(caller, attempt, "hold-entry"), cost, HOLD_SECONDS, "metered call", meteringActor(caller));
        try {
            return commands.send(command, caller, stepKey(caller, attempt, "hold"), HoldView.class).result();
        } catch (RejectedCommand rejected) {
            meters.counter("ledger.metering.refused", "code", rejected.problem().code().code()).increment();
            throw new LedgerException(ErrorCode.INSUFFICIENT_CREDITS, "the billing wallet cannot cover the cost of "
                    + cost + " " + wallet.currency() + ": " + rejected.problem().detail());
        }
    }

    /**
     * The billing wallet as its events have it, so that one opened a moment ago is charged like any other; its
     * currency, which prices the call, never changes, and the hold decides its status and funds for itself.
     */
    private WalletView billingWallet(Caller caller) {
        try {
            return commands.send(new InspectWalletCommand(caller.billingWalletId(), meteringActor(caller)), caller,
                    null, WalletView.class).result();
        } catch (AggregateNotFoundException | RejectedCommand missing) {
            throw new LedgerException(ErrorCode.NO_BILLING_WALLET, "the billing wallet of this API key does not exist");
        }
    }

    /**
     * Captures or voids the hold. The response is already decided, so a refusal here (the call outlived its hold)
     * must not replace it: the call then goes uncharged, and the hold has expired or will by itself.
     */
    private void settle(Caller caller, HoldView hold, String attempt, boolean succeeded) {
        Object command = succeeded
                ? new CaptureHoldCommand(hold.walletId(), hold.holdId(), stepId(caller, attempt, "capture"), null,
                        meteringActor(caller))
                : new VoidHoldCommand(hold.walletId(), hold.holdId(), stepId(caller, attempt, "void"),
                        meteringActor(caller));
        String outcome = succeeded ? "charged" : "voided";
        try {
            commands.send(command, caller, stepKey(caller, attempt, succeeded ? "capture" : "void"), HoldView.class);
        } catch (RejectedCommand | LedgerException refused) {
            log.warn("metered call could not be settled ({}); hold {} ends by itself", refused.getMessage(),
                    hold.holdId());
            outcome = "unsettled";
        }
        meters.counter("ledger.metering.calls", "outcome", outcome).increment();
    }

    private void replay(MeteredCalls.Recorded earlier, IdempotencyKey idempotency, HttpServletResponse response)
            throws IOException {
        earlier.use().requireReplayableBy(idempotency.requestHash());
        replays.record();
        response.setStatus(earlier.status());
        if (earlier.contentType() != null) {
            response.setContentType(earlier.contentType());
        }
        response.setHeader(IdempotencyHeaders.REPLAYED, "true");
        response.getOutputStream().write(earlier.body() == null ? new byte[0] : earlier.body());
    }

    private Optional<Metered> meteredHandler(HttpServletRequest request) {
        try {
            HandlerExecutionChain handler = handlers.getHandler(request);
            if (handler != null && handler.getHandler() instanceof HandlerMethod method) {
                return Optional.ofNullable(method.getMethodAnnotation(Metered.class));
            }
            return Optional.empty();
        } catch (Exception noHandler) {
            return Optional.empty();
        }
    }

    /** Metering acts for the key's billing arrangement, which an admin set up: it may use the billing wallet. */
    private static Actor meteringActor(Caller caller) {
        return Actor.admin("metering:" + caller.keyId());
    }

    private static String stepId(Caller caller, String callId, String step) {
        return UUID.nameUUIDFromBytes((caller.principal() + ":" + callId + ":" + step)
                .getBytes(StandardCharsets.UTF_8)).toString();
    }

    private static IdempotencyKey stepKey(Caller caller, String callId, String step) {
        String key = "metered:" + stepId(caller, callId, step);
        return new IdempotencyKey(key, key);
    }
}
