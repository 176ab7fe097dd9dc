package dev.ledger.gateway.stream;

import dev.ledger.gateway.apikey.Caller;
import dev.ledger.gateway.audit.EventHistory;
import dev.ledger.gateway.problem.RequestValidation;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.async.AsyncRequestNotUsableException;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** Live changes for dashboards (API.md §7) as Server-Sent Events; see {@link LiveStream} for what is sent. */
@RestController
@Tag(name = "Stream", description = "Live changes as Server-Sent Events")
public class StreamController {

    private final LiveStream stream;

    public StreamController(LiveStream stream) {
        this.stream = stream;
    }

    @GetMapping(path = "/api/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @Operation(operationId = "streamChanges",
            summary = "Server-Sent Events (any role): `event: wallet` or `event: escrow`, `id:` the event's feed "
            + "position, `data:` the WalletView or EscrowView after the change. A client sees only its own wallets and "
            + "the escrows it buys or sells. Without Last-Event-ID the stream starts now; with it, right after that "
            + "position. The view is the read model's state, which may already include later changes.")
    public SseEmitter stream(Caller caller,
                             @RequestHeader(name = "Last-Event-ID", required = false) String lastEventId) {
        Long after = null;
        if (lastEventId != null && !lastEventId.isBlank()) {
            RequestValidation validation = new RequestValidation();
            after = EventHistory.nonNegative(lastEventId.strip(), "Last-Event-ID", validation);
            validation.throwIfInvalid();
        }
        return stream.subscribe(caller, after);
    }

    /** A client that went away is the normal end of a stream, not a failure to report. */
    @ExceptionHandler(AsyncRequestNotUsableException.class)
    void disconnected() {
        // nothing to answer: the connection is gone
    }
}
