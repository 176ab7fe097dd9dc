package dev.ledger.gateway.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.Module;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import dev.ledger.events.money.Amount;
import dev.ledger.events.money.AmountFormat.InvalidAmountException;
import java.io.IOException;

/** An {@link Amount} in JSON is the decimal string the client wrote (API.md §1): {@code "10.00"}. */
public final class AmountJson {

    public static final Module MODULE = new SimpleModule("amount")
            .addSerializer(Amount.class, ToStringSerializer.instance)
            .addDeserializer(Amount.class, new JsonDeserializer<>() {
                @Override
                public Amount deserialize(JsonParser parser, DeserializationContext context) throws IOException {
                    try {
                        return Amount.parse(parser.getValueAsString());
                    } catch (InvalidAmountException malformed) {
                        return (Amount) context.handleWeirdStringValue(Amount.class, parser.getText(),
                                malformed.getMessage());
                    }
                }
            });

    private AmountJson() {
    }
}
