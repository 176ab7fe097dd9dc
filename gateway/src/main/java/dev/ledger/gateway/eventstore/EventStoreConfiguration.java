package dev.ledger.gateway.eventstore;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Clock;
import java.time.ZoneOffset;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.orm.jpa.HibernatePropertiesCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;

/** How events are stored: PostgreSQL (or the embedded H2 default), JSON payloads, one clock for every decision. */
@Configuration(proxyBeanMethods = false)
public class EventStoreConfiguration {

    /** Timestamps are kept to the millisecond, so what a command answers is exactly what the read models store. */
    @Bean
    Clock clock() {
        Clock clock = Clock.tickMillis(ZoneOffset.UTC);
        // Axon stamps stored events with its own static clock; the ledger's clock makes that stamp agree with the
        // occurredAt the aggregate decided, instead of trailing it by a few milliseconds
        GenericEventMessage.clock = clock;
        return clock;
    }

    /** Jackson for every Axon serializer (events, messages, tokens, snapshots, command outcomes). */
    @Bean
    ObjectMapper defaultAxonObjectMapper() {
        return axonObjectMapper();
    }

    /** How events are read and written as JSON; also what the verification command reads them with. */
    public static ObjectMapper axonObjectMapper() {
        return JsonMapper.builder()
                .addModule(new JavaTimeModule())
                // isZero()/isPositive() are questions, not state: only record components are stored
                .visibility(PropertyAccessor.IS_GETTER, JsonAutoDetect.Visibility.NONE)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();
    }

    /** The HTTP mapper, kept apart from Axon's so that API formatting never changes stored events. */
    @Bean
    @Primary
    ObjectMapper objectMapper(Jackson2ObjectMapperBuilder builder) {
        return builder.build();
    }

    /**
     * A projection that fails on an event retries it instead of logging and moving on: a read model that silently
     * skipped an event would be wrong for good.
     */
    @Bean
    ConfigurerModule retryFailedEventHandling() {
        return configurer -> configurer.eventProcessing()
                .registerDefaultListenerInvocationErrorHandler(config -> PropagatingErrorHandler.instance());
    }

    @Bean
    HibernatePropertiesCustomizer byteaOnPostgres(@Value("${spring.datasource.url}") String url) {
        return properties -> {
            if (url.startsWith("jdbc:postgresql:")) {
                properties.put("hibernate.dialect", ByteaEnforcedPostgresDialect.class.getName());
            }
        };
    }
}
