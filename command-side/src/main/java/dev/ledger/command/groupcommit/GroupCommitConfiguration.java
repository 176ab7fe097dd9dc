package dev.ledger.command.groupcommit;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandBusSpanFactory;
import org.axonframework.commandhandling.DuplicateCommandHandlerResolver;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.messaging.interceptors.CorrelationDataInterceptor;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;

/**
 * The command bus: Axon's own, as its Spring Boot support would build it (transactions, span factory, message
 * monitor, correlation data), with group commit ({@link GroupCommitCommandBus}). {@code ledger.commands.group-commit}
 * sets the largest batch (1 turns batching off), the number of lanes the aggregates share (0: one per aggregate, so
 * only commands for the same aggregate share a commit) and the number of committer threads.
 */
@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
public class GroupCommitConfiguration {

    @Bean
    @Qualifier("localSegment")
    public SimpleCommandBus commandBus(TransactionManager transactionManager, Configuration axon,
                                       DuplicateCommandHandlerResolver duplicateCommandHandlerResolver,
                                       @Value("${ledger.commands.group-commit.max-batch:64}") int maxBatch,
                                       @Value("${ledger.commands.group-commit.lanes:4}") int lanes,
                                       @Value("${ledger.commands.group-commit.threads:4}") int threads,
                                       MeterRegistry meters) {
        DistributionSummary batchSizes = DistributionSummary.builder("ledger.commands.batch")
                .description("Commands run in one transaction by group commit (1: a command on its own)")
                .publishPercentiles(0.5, 0.99).register(meters);
        SimpleCommandBus.Builder builder = SimpleCommandBus.builder()
                .duplicateCommandHandlerResolver(duplicateCommandHandlerResolver)
                .spanFactory(axon.getComponent(CommandBusSpanFactory.class))
                .messageMonitor(axon.messageMonitor(CommandBus.class, "commandBus"));
        GroupCommitCommandBus bus = new GroupCommitCommandBus(builder, transactionManager, Math.max(1, maxBatch),
                Math.max(0, lanes), committers(Math.max(1, threads)), batchSizes::record);
        bus.registerHandlerInterceptor(new CorrelationDataInterceptor<>(axon.correlationDataProviders()));
        return bus;
    }

    private static ExecutorService committers(int threads) {
        AtomicInteger n = new AtomicInteger();
        return Executors.newFixedThreadPool(threads, task -> {
            Thread thread = new Thread(task, "group-commit-" + n.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }
}
