package dev.ledger.gateway.command;

import dev.ledger.events.problem.ErrorCode;
import dev.ledger.events.problem.LedgerException;
import dev.ledger.events.problem.DatabaseUnavailable;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.stereotype.Component;

/**
 * {@code ledger.commands}: a latency histogram of every command the API sends, tagged with the command
 * ({@code DepositMoneyCommand}) and its outcome: {@code success}, {@code rejected:<code>} (the error code the caller
 * got, e.g. {@code rejected:insufficient-funds}) or {@code error} (an unexpected failure, answered with 500).
 */
@Component
public class CommandMetrics {

    static final String METRIC = "ledger.commands";
    static final String SUCCESS = "success";
    static final String ERROR = "error";

    private final MeterRegistry meters;

    public CommandMetrics(MeterRegistry meters) {
        this.meters = meters;
    }

    public Timer.Sample start() {
        return Timer.start(meters);
    }

    public void succeeded(Timer.Sample sample, Object command) {
        sample.stop(timer(command, SUCCESS));
    }

    public void rejected(Timer.Sample sample, Object command, ErrorCode code) {
        sample.stop(timer(command, rejected(code)));
    }

    public void failed(Timer.Sample sample, Object command, Throwable failure) {
        sample.stop(timer(command, outcomeOf(failure)));
    }

    /**
     * The outcome the caller sees for a command that threw: the error code it is answered with (as
     * {@code ProblemHandler} decides), {@code error} when that is a 500.
     */
    static String outcomeOf(Throwable failure) {
        if (failure instanceof AggregateNotFoundException) {
            return rejected(ErrorCode.NOT_FOUND);
        }
        if (failure instanceof ConcurrencyException) {
            return rejected(ErrorCode.CONCURRENT_MODIFICATION);
        }
        if (DatabaseUnavailable.isCause(failure)) {
            return rejected(ErrorCode.SERVICE_UNAVAILABLE);
        }
        Throwable cause = failure;
        if (failure instanceof CompletionException || failure instanceof ExecutionException) {
            while (cause != null && !(cause instanceof LedgerException)) {
                cause = cause.getCause();
            }
        }
        if (cause instanceof LedgerException problem && problem.code() != ErrorCode.INTERNAL_ERROR) {
            return rejected(problem.code());
        }
        return ERROR;
    }

    private static String rejected(ErrorCode code) {
        return "rejected:" + code.code();
    }

    private Timer timer(Object command, String outcome) {
        return Timer.builder(METRIC)
                .description("Commands sent by the API, by command and outcome")
                .tag("command", command.getClass().getSimpleName())
                .tag("outcome", outcome)
                .publishPercentileHistogram()
                .register(meters);
    }
}
