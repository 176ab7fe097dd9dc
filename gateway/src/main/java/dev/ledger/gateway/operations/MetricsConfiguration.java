package dev.ledger.gateway.operations;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.Message;
import org.axonframework.micrometer.GlobalMetricRegistry;
import org.axonframework.monitoring.MessageMonitor;
import org.axonframework.monitoring.MultiMessageMonitor;
import org.axonframework.springboot.MetricsProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The ledger's own metrics that hook into Axon (the others register themselves where they are measured). */
@Configuration(proxyBeanMethods = false)
public class MetricsConfiguration {

    /**
     * Gives the event store the {@link AppendedEventsMonitor} next to the monitor Axon's metrics auto-configuration
     * gives it: Axon keeps one monitor factory per component type, so registering ours alone would replace Axon's.
     */
    @Bean
    ConfigurerModule appendedEventsMonitoring(MeterRegistry meters, ObjectProvider<GlobalMetricRegistry> axonMetrics,
                                              ObjectProvider<MetricsProperties> axonMetricsProperties) {
        AppendedEventsMonitor appended = new AppendedEventsMonitor(meters);
        return configurer -> configurer.configureMessageMonitor(EventStore.class, (configuration, type, name) -> {
            GlobalMetricRegistry axon = axonMetrics.getIfAvailable();
            if (axon == null) {
                return appended;
            }
            MetricsProperties properties = axonMetricsProperties.getIfAvailable();
            boolean dimensional = properties != null && properties.getMicrometer().isDimensional();
            @SuppressWarnings("unchecked")
            MessageMonitor<Message<?>> axonMonitor = (MessageMonitor<Message<?>>) (dimensional
                    ? axon.registerComponentWithDefaultTags(type, name) : axon.registerComponent(type, name));
            return new MultiMessageMonitor<>(List.of(appended, axonMonitor));
        });
    }
}
