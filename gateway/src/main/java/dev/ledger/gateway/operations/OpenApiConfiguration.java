package dev.ledger.gateway.operations;

import dev.ledger.gateway.apikey.Caller;
import dev.ledger.gateway.http.JsonBody;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
public class OpenApiConfiguration {

    static {
        // resolved by our own argument resolvers, not request parameters
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(Caller.class, JsonBody.class);
    }

    @Bean
    OpenAPI ledgerOpenApi() {
        return new OpenAPI()
                .info(new Info().title("Ledger").version("v1").description("""
                        An event-sourced money ledger. Amounts are decimal strings in the currency's major unit; \
                        every error is application/problem+json; every money-moving POST needs an \
                        Idempotency-Key and runs exactly once. While the database cannot be reached, any request                         answers 503 service-unavailable with Retry-After within 5 s; retry it with the same                         Idempotency-Key, which answers the first attempt's outcome if it took effect."""))
                .components(new Components().addSecuritySchemes("apiKey", new SecurityScheme()
                        .type(SecurityScheme.Type.APIKEY).in(SecurityScheme.In.HEADER).name("X-API-Key")))
                .addSecurityItem(new SecurityRequirement().addList("apiKey"));
    }
}
