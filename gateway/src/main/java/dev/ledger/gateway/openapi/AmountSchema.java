package dev.ledger.gateway.openapi;

import dev.ledger.events.money.Amount;
import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.core.converter.ModelConverter;
import io.swagger.v3.core.converter.ModelConverterContext;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.media.Schema;
import java.util.Iterator;
import org.springframework.stereotype.Component;

/**
 * An {@link Amount} is described as what it is on the wire, a decimal string (API.md §1; {@link OpenApiContract}
 * adds its pattern), keeping what the field's own {@code @Schema} says about it. springdoc's {@code replaceWithClass}
 * would drop that.
 */
@Component
class AmountSchema implements ModelConverter {

    @Override
    public Schema<?> resolve(AnnotatedType type, ModelConverterContext context, Iterator<ModelConverter> chain) {
        if (!chain.hasNext()) {
            return null;
        }
        if (type.getType() != null && Json.mapper().constructType(type.getType()).getRawClass() == Amount.class) {
            return chain.next().resolve(new AnnotatedType(String.class)
                    .ctxAnnotations(type.getCtxAnnotations())
                    .parent(type.getParent())
                    .propertyName(type.getPropertyName())
                    .schemaProperty(type.isSchemaProperty())
                    .skipSchemaName(type.isSkipSchemaName())
                    .resolveAsRef(type.isResolveAsRef())
                    .jsonViewAnnotation(type.getJsonViewAnnotation()), context, chain);
        }
        return chain.next().resolve(type, context, chain);
    }
}
