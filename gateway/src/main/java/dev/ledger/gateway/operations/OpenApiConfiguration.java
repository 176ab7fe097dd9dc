package dev.ledger.gateway.operations;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ledger.gateway.apikey.Caller;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Contact;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import java.util.List;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

@Configuration(proxyBeanMethods = false)
public class OpenApiConfiguration {

    static {
        // resolved by our own argument resolver, not a request parameter
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(Caller.class)
                // what a streamed body is on the wire, not the Spring type producing it: the journal's CSV is a file
                // to download (generators hand it over as one, instead of parsing it as JSON); the live stream is
                // text/event-stream, read by an EventSource rather than a generated client
                .replaceWithSchema(StreamingResponseBody.class, new StringSchema().format("binary"))
                .replaceWithSchema(SseEmitter.class, new StringSchema())
                // an event's payload: any JSON object, as the event's revision defines it
                .replaceWithSchema(JsonNode.class, new ObjectSchema());
    }

    @Bean
    OpenAPI ledgerOpenApi(@Value("${ledger.openapi.server-url}") String serverUrl) {
        return new OpenAPI()
                // from configuration: springdoc's default echoes the caller's Host header into the contract
                .servers(List.of(new Server().url(serverUrl).description("This service")))
                .info(new Info().title("Ledger").version("v1")
                        .license(new License().name("Apache-2.0").url("https://www.apache.org/licenses/LICENSE-2.0"))
                        .contact(new Contact().name("Ledger maintainers"))
                        .description("""
                        An event-sourced money ledger. Amounts are decimal strings in the currency's major unit; \
                        every error is application/problem+json; every money-moving POST needs an \
                        Idempotency-Key (one header) and runs exactly once. A request body is one JSON object in \
                        UTF-8, sent as Content-Type: application/json (anything else is 415), with no duplicate \
                        keys and nothing after it. Free text (label, reference, description) and the ids clients \
                        choose (ownerId, userId) are at most 255 characters (UTF-16 code units) of well-formed \
                        Unicode without control characters (U+0000-U+001F, U+007F); anything else is a 400 \
                        validation-failed naming the field, and nothing is recorded. While the database cannot be reached, any \
                        request answers 503 service-unavailable with Retry-After within 5 s; retry it with the same \
                        Idempotency-Key, which answers the first attempt's outcome if it took effect."""))
                .components(new Components().addSecuritySchemes("apiKey", new SecurityScheme()
                        .type(SecurityScheme.Type.APIKEY).in(SecurityScheme.In.HEADER).name("X-API-Key")))
                .addSecurityItem(new SecurityRequirement().addList("apiKey"));
    }
}
