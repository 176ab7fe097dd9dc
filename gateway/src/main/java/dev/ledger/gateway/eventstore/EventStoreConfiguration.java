package dev.ledger.gateway.eventstore;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Clock;
import java.time.ZoneOffset;
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
        return Clock.tickMillis(ZoneOffset.UTC);
    }

    /** Jackson for every Axon serializer (events, messages, tokens, snapshots, command outcomes). */
    @Bean
    ObjectMapper defaultAxonObjectMapper() {
        return JsonMapper.builder()
                .addModule(new JavaTimeModule())
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

    @Bean
    HibernatePropertiesCustomizer byteaOnPostgres(@Value("${spring.datasource.url}") String url) {
        return properties -> {
            if (url.startsWith("jdbc:postgresql:")) {
                properties.put("hibernate.dialect", ByteaEnforcedPostgresDialect.class.getName());
            }
        };
    }
}
