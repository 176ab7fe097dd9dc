package dev.ledger.gateway.command;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ledger.events.problem.ErrorCode;
import dev.ledger.events.problem.LedgerException;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.sql.SQLTransientConnectionException;
import java.util.concurrent.CompletionException;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.CannotCreateTransactionException;

class CommandMetricsTest {

    record SomeCommand(String id) {
    }

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final CommandMetrics metrics = new CommandMetrics(meters);

    @Test
    void aFailureIsTaggedWithTheCodeTheCallerIsAnsweredWith() {
        assertThat(CommandMetrics.outcomeOf(new LedgerException(ErrorCode.INSUFFICIENT_FUNDS, "no")))
                .isEqualTo("rejected:insufficient-funds");
        assertThat(CommandMetrics.outcomeOf(LedgerException.forbidden("no"))).isEqualTo("rejected:forbidden");
        assertThat(CommandMetrics.outcomeOf(new AggregateNotFoundException("w-1", "gone")))
                .isEqualTo("rejected:not-found");
        assertThat(CommandMetrics.outcomeOf(new ConcurrencyException("raced")))
                .isEqualTo("rejected:concurrent-modification");
        assertThat(CommandMetrics.outcomeOf(new CompletionException(
                new LedgerException(ErrorCode.WALLET_NOT_ACTIVE, "frozen")))).isEqualTo("rejected:wallet-not-active");
    }

    @Test
    void aCommandThatFoundNoDatabaseIsTaggedWithThe503ItIsAnsweredWith() {
        assertThat(CommandMetrics.outcomeOf(new CommandExecutionException("wrapped",
                new CannotCreateTransactionException("no connection",
                        new SQLTransientConnectionException("pool timed out", "08001")))))
                .isEqualTo("rejected:service-unavailable");
    }

    @Test
    void whatTheCallerGetsAs500IsAnError() {
        assertThat(CommandMetrics.outcomeOf(new IllegalStateException("bug"))).isEqualTo("error");
        assertThat(CommandMetrics.outcomeOf(new CommandExecutionException("wrapped",
                new LedgerException(ErrorCode.INSUFFICIENT_FUNDS, "no")))).isEqualTo("error");
        assertThat(CommandMetrics.outcomeOf(new LedgerException(ErrorCode.INTERNAL_ERROR, "bug"))).isEqualTo("error");
    }

    @Test
    void eachCommandIsTimedUnderItsSimpleNameAndOutcomeAsAHistogram() {
        metrics.succeeded(metrics.start(), new SomeCommand("a"));
        metrics.succeeded(metrics.start(), new SomeCommand("b"));
        metrics.rejected(metrics.start(), new SomeCommand("c"), ErrorCode.HOLD_NOT_ACTIVE);
        metrics.failed(metrics.start(), new SomeCommand("d"), new IllegalStateException("bug"));

        assertThat(timer("success").count()).isEqualTo(2);
        assertThat(timer("rejected:hold-not-active").count()).isEqualTo(1);
        assertThat(timer("error").count()).isEqualTo(1);
        assertThat(meters.get("ledger.commands").timers()).hasSize(3);
    }

    @Test
    void prometheusGetsTheLatenciesAsHistogramBuckets() {
        PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        CommandMetrics metrics = new CommandMetrics(prometheus);

        metrics.succeeded(metrics.start(), new SomeCommand("a"));

        assertThat(prometheus.scrape())
                .contains("ledger_commands_seconds_bucket{command=\"SomeCommand\",outcome=\"success\",le=\"+Inf\"} 1")
                .contains("ledger_commands_seconds_count{command=\"SomeCommand\",outcome=\"success\"} 1");
    }

    private Timer timer(String outcome) {
        return meters.get("ledger.commands").tag("command", "SomeCommand").tag("outcome", outcome).timer();
    }
}
