package dev.ledger.gateway.openapi;

import dev.ledger.events.problem.ErrorCode;
import dev.ledger.gateway.idempotency.IdempotencyHeaders;
import dev.ledger.gateway.idempotency.IdempotencyKeyHeader;
import dev.ledger.gateway.problem.Problems;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.tags.Tag;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI document as the contract generators and linters read (docs/adr/017). Operations get their responses
 * from {@link OperationContract}; this adds what the whole document shares: the problem schema with the
 * {@link ErrorCode} enum, the headers, the {@code Idempotency-Key} parameter, and the conventions of API.md that
 * hold for a field wherever it appears, by its name: amounts are decimal strings, ids are UUIDs, every field of a
 * response is present (an unknown value is {@code null}), a list filter takes the values of the field it filters.
 */
@Configuration(proxyBeanMethods = false)
public class OpenApiContract {

    static final String KEY_REQUIRED = "IdempotencyKey";
    static final String KEY_OPTIONAL = "IdempotencyKeyOptional";
    static final String LOCATION = "Location";
    static final String REPLAYED = IdempotencyHeaders.REPLAYED;
    static final String RETRY_AFTER = "Retry-After";

    static {
        // the key reaches a controller through its own argument resolver, not as a request parameter springdoc
        // would describe: OperationContract declares it, as the shared Idempotency-Key header parameter
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(IdempotencyKeyHeader.class);
    }

    /** Decimal strings in the currency's major unit (API.md §1). */
    private static final Set<String> AMOUNTS = Set.of("amount", "balance", "held", "available", "capturedAmount",
            "balanceAfter", "heldAfter", "availableAfter", "reversedAmount");
    private static final String AMOUNT_PATTERN = "^[0-9]+(\\.[0-9]+)?$";

    /** Server-generated ids (API.md §1); ownerId, userId, buyerId and sellerId are chosen by clients, not these. */
    private static final Set<String> IDS = Set.of("walletId", "holdId", "entryId", "transferId", "escrowId", "keyId",
            "transactionId", "buyerWalletId", "sellerWalletId", "fromWalletId", "toWalletId", "billingWalletId",
            "reversalOf", "aggregateId", "webhookId", "deliveryId");

    /** Fields of a response that are null when unknown or not yet reached. */
    private static final Set<String> NULLABLE = Set.of("ownerId", "label", "reference", "description", "userId",
            "billingWalletId", "failureCode", "reversalOf", "counterparty", "idempotencyKey", "nextCursor",
            "completedAt", "fundedAt", "expiresAt", "releasedAt", "refundedAt", "expiredAt", "finishedAt", "failure",
            "position", "head", "lag", "progress", "capturedAmount", "causationId", "correlationId", "principal");

    @Bean
    OperationCustomizer operationContract() {
        return new OperationContract();
    }

    @Bean
    OpenApiCustomizer documentContract() {
        return openApi -> {
            Components components = openApi.getComponents() == null ? new Components() : openApi.getComponents();
            openApi.setComponents(components);
            shared(components);
            Map<String, Schema> schemas = components.getSchemas();
            schemas.forEach((name, schema) -> conventions(schema));
            schemas.forEach((name, schema) -> Examples.exemplify(schema, schemas));
            Set<String> answered = new TreeSet<>();
            Set<String> tags = new TreeSet<>();
            openApi.getPaths().values().forEach(path -> path.readOperations().forEach(operation -> {
                operation.getResponses().values().forEach(response -> reach(response.getContent(), schemas, answered));
                requiredWhenItHasRequiredFields(operation, schemas);
                filters(operation, schemas);
                if (operation.getTags() != null) {
                    tags.addAll(operation.getTags());
                }
            }));
            // API.md §1, Shapes: "Fields the contract names are always present; an unknown value is null"
            answered.stream().filter(name -> !OperationContract.PROBLEM_SCHEMA.equals(name)
                            && !"FieldError".equals(name))
                    .map(schemas::get).filter(Objects::nonNull)
                    .filter(schema -> schema.getProperties() != null)
                    .forEach(schema -> schema.setRequired(new ArrayList<>(schema.getProperties().keySet())));
            // every tag an operation names is declared (its description comes from the controller's @Tag)
            List<Tag> declared = openApi.getTags() == null ? new ArrayList<>() : new ArrayList<>(openApi.getTags());
            declared.stream().map(Tag::getName).toList().forEach(tags::remove);
            tags.forEach(tag -> declared.add(new Tag().name(tag)));
            declared.sort(Comparator.comparing(Tag::getName));
            openApi.setTags(declared);
        };
    }

    private static void shared(Components components) {
        components.addSchemas("FieldError", new Schema<Map<String, Object>>().type("object")
                .description("One invalid part of a request")
                .addProperty("field", new StringSchema().description("The field, query parameter or header"))
                .addProperty("message", new StringSchema().description("What is wrong with it"))
                .required(List.of("field", "message"))
                .example(Map.of("field", "amount", "message", "must be a positive decimal string")));
        Map<String, Object> example = new LinkedHashMap<>();
        example.put("type", Problems.TYPE_PREFIX + "insufficient-funds");
        example.put("title", "Insufficient funds");
        example.put("status", 422);
        example.put("detail", "available 10.00 USD is less than 25.00 USD");
        example.put("code", "insufficient-funds");
        components.addSchemas(OperationContract.PROBLEM_SCHEMA, new Schema<Map<String, Object>>().type("object")
                .description("An RFC 9457 problem document; every error answers one, as application/problem+json")
                .addProperty("type", new StringSchema().format("uri").description(
                        Problems.TYPE_PREFIX + "<code>"))
                .addProperty("title", new StringSchema().description("The code in words"))
                .addProperty("status", new IntegerSchema().minimum(BigDecimal.valueOf(400))
                        .maximum(BigDecimal.valueOf(599)).description("The HTTP status"))
                .addProperty("detail", new StringSchema().description("What happened to this request"))
                .addProperty("code", new StringSchema()._enum(Arrays.stream(ErrorCode.values())
                        .map(ErrorCode::code).toList()).description("What clients branch on"))
                .addProperty("errors", new ArraySchema().items(new Schema<>().$ref("#/components/schemas/FieldError"))
                        .description("validation-failed: every invalid field"))
                .addProperty("currentState", new StringSchema().description(
                        "invalid-state-transition: the state the resource is in"))
                .addProperty("transferId", new StringSchema().format("uuid").description(
                        "A transfer refused by its destination: the transfer, readable as FAILED"))
                .addProperty("correlationId", new StringSchema().description(
                        "internal-error: the id that the log shows with the failure"))
                .required(List.of("type", "title", "status", "detail", "code"))
                .example(example));
        components.addParameters(KEY_REQUIRED, key(true));
        components.addParameters(KEY_OPTIONAL, key(false));
        components.addHeaders(LOCATION, new Header().description("The URL of the created or pending resource")
                .schema(new StringSchema().format("uri-reference")
                        .example("/api/wallets/3f9c2b1e-8d4a-4c55-9a0e-2b7d1c6e5f40")));
        components.addHeaders(REPLAYED, new Header()
                .description("true when this is the recorded answer to an earlier request with the same key")
                .schema(new StringSchema()._enum(List.of("true"))));
        components.addHeaders(RETRY_AFTER, new Header().description("Seconds to wait before trying again")
                .schema(new IntegerSchema().minimum(BigDecimal.ZERO).example(2)));
    }

    private static Parameter key(boolean required) {
        return new HeaderParameter().name(IdempotencyHeaders.KEY).required(required)
                .description(required
                        ? "Runs the request exactly once: a retry with the same key answers the first outcome"
                        : "Optional here; with it a retry answers the first outcome instead of running again")
                .schema(new StringSchema().minLength(1).maxLength(255).pattern("^[\\x20-\\x7E]+$")
                        .example("7d1c8a52-0b4e-4f7e-9d55-31b0c2a9e6f1"));
    }

    /** The conventions of API.md §1 for a field by its name, wherever it appears. */
    private static void conventions(Schema<?> schema) {
        if (schema.getProperties() == null) {
            return;
        }
        schema.getProperties().forEach((name, property) -> {
            if (property.get$ref() != null || !"string".equals(property.getType())) {
                return;
            }
            if (AMOUNTS.contains(name)) {
                property.setPattern(AMOUNT_PATTERN);
                property.setExample("100.00");
                describe(property, "Decimal string in the currency's major unit");
            } else if (IDS.contains(name)) {
                property.setFormat("uuid");
                property.setExample("3f9c2b1e-8d4a-4c55-9a0e-2b7d1c6e5f40");
            } else if ("currency".equals(name)) {
                property.setPattern("^[A-Z]{3}$");
                property.setExample("USD");
                describe(property, "ISO 4217 code, or CRD for prepaid usage credits");
            }
            if (NULLABLE.contains(name)) {
                property.setNullable(true);
            }
        });
    }

    private static void describe(Schema<?> schema, String description) {
        if (schema.getDescription() == null) {
            schema.setDescription(description);
        }
    }

    /** A body with a required field is required; one without (a capture's optional amount) may be left out. */
    private static void requiredWhenItHasRequiredFields(Operation operation, Map<String, Schema> schemas) {
        if (operation.getRequestBody() == null || operation.getRequestBody().getContent() == null) {
            return;
        }
        boolean required = operation.getRequestBody().getContent().values().stream()
                .map(MediaType::getSchema).filter(Objects::nonNull).map(schema -> resolve(schema, schemas))
                .anyMatch(schema -> schema != null && schema.getRequired() != null && !schema.getRequired().isEmpty());
        operation.getRequestBody().setRequired(required);
    }

    /**
     * Query parameters take API.md's formats, and a list's filter takes the enum of the item field of its name
     * ({@code status}, {@code state}, {@code type}): one source for both, the Java enum behind the field.
     */
    private static void filters(Operation operation, Map<String, Schema> schemas) {
        if (operation.getParameters() == null) {
            return;
        }
        Schema<?> item = listedItem(operation, schemas);
        for (Parameter parameter : operation.getParameters()) {
            if (parameter.get$ref() != null || parameter.getSchema() == null) {
                continue;
            }
            String name = parameter.getName();
            Schema<?> field = item == null || item.getProperties() == null ? null : item.getProperties().get(name);
            if ("query".equals(parameter.getIn()) && field != null && field.getEnum() != null) {
                parameter.setSchema(new StringSchema()._enum(field.getEnum().stream().map(String::valueOf).toList()));
            } else if ("limit".equals(name)) {
                parameter.setSchema(new IntegerSchema().minimum(BigDecimal.ONE)
                        .maximum(BigDecimal.valueOf(500))._default(50));
                describe(parameter, "Page size, 1 to 500");
            } else if ("cursor".equals(name)) {
                describe(parameter, "The nextCursor of the previous page, as it came");
            } else if (Set.of("from", "to", "asOf").contains(name)) {
                parameter.setSchema(new StringSchema().format("date-time"));
            } else if ("minVersion".equals(name)) {
                parameter.getSchema().setMinimum(BigDecimal.ZERO);
                describe(parameter, "Wait (at most 5 s) until the read model has reached this version");
            } else if (IDS.contains(name)) {
                parameter.getSchema().setFormat("uuid");
            }
        }
    }

    private static void describe(Parameter parameter, String description) {
        if (parameter.getDescription() == null) {
            parameter.setDescription(description);
        }
    }

    private static Schema<?> listedItem(Operation operation, Map<String, Schema> schemas) {
        ApiResponse ok = operation.getResponses().get("200");
        if (ok == null || ok.getContent() == null) {
            return null;
        }
        return ok.getContent().values().stream().map(MediaType::getSchema).filter(Objects::nonNull)
                .map(schema -> resolve(schema, schemas))
                .filter(page -> page != null && page.getProperties() != null
                        && page.getProperties().get("items") != null)
                .map(page -> resolve(page.getProperties().get("items").getItems(), schemas))
                .filter(Objects::nonNull).findFirst().orElse(null);
    }

    private static Schema<?> resolve(Schema<?> schema, Map<String, Schema> schemas) {
        if (schema == null || schema.get$ref() == null) {
            return schema;
        }
        return schemas.get(name(schema.get$ref()));
    }

    private static void reach(io.swagger.v3.oas.models.media.Content content, Map<String, Schema> schemas,
                              Set<String> reached) {
        if (content != null) {
            content.values().forEach(media -> reach(media.getSchema(), schemas, reached));
        }
    }

    private static void reach(Schema<?> schema, Map<String, Schema> schemas, Set<String> reached) {
        if (schema == null) {
            return;
        }
        if (schema.get$ref() != null) {
            String name = name(schema.get$ref());
            if (reached.add(name)) {
                reach(schemas.get(name), schemas, reached);
            }
            return;
        }
        if (schema.getProperties() != null) {
            schema.getProperties().values().forEach(property -> reach(property, schemas, reached));
        }
        reach(schema.getItems(), schemas, reached);
        if (schema.getAdditionalProperties() instanceof Schema<?> values) {
            reach(values, schemas, reached);
        }
    }

    private static String name(String ref) {
        return ref.substring(ref.lastIndexOf('/') + 1);
    }
}
