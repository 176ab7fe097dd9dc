package dev.ledger.gateway.idempotency;

import static dev.ledger.events.idempotency.CommandMetadata.CORRELATION_ID;
import static dev.ledger.events.idempotency.CommandMetadata.IDEMPOTENCY_KEY;
import static dev.ledger.events.idempotency.CommandMetadata.PRINCIPAL;
import static dev.ledger.events.idempotency.CommandMetadata.REQUEST_HASH;

import dev.ledger.events.idempotency.CommandOutcome;
import dev.ledger.gateway.apikey.Caller;
import dev.ledger.gateway.command.CommandMetrics;
import dev.ledger.gateway.operations.CorrelationIdFilter;
import io.micrometer.core.instrument.Timer;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/**
 * Sends a command on behalf of a caller, with the metadata every command carries (principal, idempotency
 * key and request fingerprint, correlation id), and turns its outcome into a response: the result, or the
 * rejection the domain decided, flagged {@code Idempotent-Replayed} when it is the answer to an earlier request.
 * Every command is timed ({@link CommandMetrics}) and every replay counted ({@link IdempotentReplays}).
 */
@Component
public class CommandDispatcher {

    /**
     * A command can lose a race ({@link LostRace}): a deadlock against another multi-wallet command, or an append
     * against another instance changing the same wallet. Its whole transaction was rolled back, its idempotency claim
     * with it, so it runs again after a short random pause (the two racers rarely meet twice); only a command that
     * loses every time is answered {@code 409 concurrent-modification}.
     */
    static final int RACE_ATTEMPTS = 6;

    private static final Logger log = LoggerFactory.getLogger(CommandDispatcher.class);

    private final CommandGateway commandGateway;
    private final CommandMetrics metrics;
    private final IdempotentReplays replays;

    public CommandDispatcher(CommandGateway commandGateway, CommandMetrics metrics, IdempotentReplays replays) {
        this.commandGateway = commandGateway;
        this.metrics = metrics;
        this.replays = replays;
    }

    public <R> Dispatched<R> send(Object command, Caller caller, IdempotencyKey idempotency, Class<R> resultType) {
        Map<String, Object> metaData = new HashMap<>();
        metaData.put(PRINCIPAL, caller.principal());
        String correlationId = MDC.get(CorrelationIdFilter.MDC_KEY);
        if (correlationId != null) {
            metaData.put(CORRELATION_ID, correlationId);
        }
        if (idempotency != null) {
            metaData.put(IDEMPOTENCY_KEY, idempotency.key());
            metaData.put(REQUEST_HASH, idempotency.requestHash());
        }
        Timer.Sample sample = metrics.start();
        Object answer;
        for (int attempt = 1; ; attempt++) {
            try {
                answer = commandGateway.sendAndWait(
                        GenericCommandMessage.asCommandMessage(command).andMetaData(MetaData.from(metaData)));
                break;
            } catch (RuntimeException failure) {
                if (attempt < RACE_ATTEMPTS && LostRace.causes(failure)) {
                    log.debug("{} lost a race (attempt {}); running it again",
                            command.getClass().getSimpleName(), attempt);
                    pauseBeforeAttempt(attempt);
                    continue;
                }
                metrics.failed(sample, command, failure);
                throw failure;
            }
        }
        if (answer instanceof CommandOutcome outcome) {
            if (outcome.replayed()) {
                replays.record();
            }
            if (outcome.isRejected()) {
                metrics.rejected(sample, command, outcome.rejection());
                throw new RejectedCommand(outcome.rejectionAsException(), outcome.replayed());
            }
            metrics.succeeded(sample, command);
            return new Dispatched<>(resultType.cast(outcome.result()), outcome.replayed());
        }
        metrics.succeeded(sample, command);
        return new Dispatched<>(resultType.cast(answer), false);
    }

    /** Up to 2, 4, 8, … ms, at random: the racers spread out instead of meeting again. */
    private static void pauseBeforeAttempt(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(1L << attempt) + 1);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** A command's result and whether it replays an earlier request's answer. */
    public record Dispatched<R>(R result, boolean replayed) {

        public <B> ResponseEntity<B> respond(HttpStatus status, B body) {
            HttpHeaders headers = new HttpHeaders();
            if (replayed) {
                headers.set(IdempotencyHeaders.REPLAYED, "true");
            }
            return ResponseEntity.status(status).headers(headers).body(body);
        }
    }
}
