package dev.ledger.gateway.operations;

import dev.ledger.events.idempotency.CommandMetadata;
import java.util.HashMap;
import java.util.Map;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** What every event inherits from the message that caused it. */
@Configuration(proxyBeanMethods = false)
public class CorrelationConfiguration {

    /**
     * principal, idempotency key and correlation id travel unchanged from the HTTP request to every event it
     * causes; the causation id names the message that directly caused the event.
     */
    @Bean
    CorrelationDataProvider ledgerCorrelationData() {
        return message -> {
            Map<String, Object> data = new HashMap<>();
            for (String key : new String[] {CommandMetadata.PRINCIPAL, CommandMetadata.IDEMPOTENCY_KEY}) {
                Object value = message.getMetaData().get(key);
                if (value != null) {
                    data.put(key, value);
                }
            }
            Object correlationId = message.getMetaData().get(CommandMetadata.CORRELATION_ID);
            data.put(CommandMetadata.CORRELATION_ID, correlationId != null ? correlationId : message.getIdentifier());
            data.put(CommandMetadata.CAUSATION_ID, message.getIdentifier());
            return data;
        };
    }
}
