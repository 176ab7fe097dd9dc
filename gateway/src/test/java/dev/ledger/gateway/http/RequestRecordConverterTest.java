package dev.ledger.gateway.http;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.ledger.events.money.Amount;
import dev.ledger.events.problem.FieldError;
import dev.ledger.gateway.problem.InvalidRequestBody;
import jakarta.validation.Valid;
import jakarta.validation.Validation;
import jakarta.validation.ValidatorFactory;
import jakarta.validation.constraints.NotNull;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.mock.http.MockHttpInputMessage;

class RequestRecordConverterTest {

    private static final ValidatorFactory VALIDATION = Validation.buildDefaultValidatorFactory();

    private final RequestRecordConverter converter = new RequestRecordConverter(VALIDATION.getValidator());

    record Leg(@NotNull(message = "is required") @IssuedId String walletId,
               @NotNull(message = "is required") Amount amount) {
    }

    record Order(@NotNull(message = "is required") Amount amount,
                 @FreeText String reference,
                 Integer count,
                 @Valid List<Leg> legs,
                 @MetadataEntries Map<String, String> metadata) {
    }

    @AfterAll
    static void close() {
        VALIDATION.close();
    }

    @Test
    void aGoodBodyBecomesItsRecord() {
        Order order = (Order) read("""
                {"amount":"10.00","reference":"r","count":3,"metadata":{"k":"v"},
                 "legs":[{"walletId":"3f9c2b1e-8d4a-4c55-9a0e-2b7d1c6e5f40","amount":"1.5"}]}""");

        assertThat(order.amount()).isEqualTo(Amount.parse("10.00"));
        assertThat(order.count()).isEqualTo(3);
        assertThat(order.metadata()).containsExactly(Map.entry("k", "v"));
        assertThat(order.legs()).containsExactly(
                new Leg("3f9c2b1e-8d4a-4c55-9a0e-2b7d1c6e5f40", Amount.parse("1.5")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  ", "null"})
    void noBodyOrNullIsARecordWithoutFields(String body) {
        assertThat(read(body, NoFields.class)).isEqualTo(new NoFields());
    }

    @Test
    void everyProblemIsReportedAtOnceInTheOrderOfTheRecordsFields() {
        InvalidRequestBody refused = refused("""
                {"secret":"x","count":"3","reference":"a\\u0000b","amount":"1e3",
                 "legs":[{"walletId":"w","amount":"1.00"},7,{"amount":"0"}],"metadata":{"k":1,"ok":"a\\u0001"}}""");

        assertThat(refused.errors()).extracting(FieldError::field).containsExactlyInAnyOrder("secret", "amount",
                "reference", "count", "legs[0].walletId", "legs[1]", "legs[2].amount", "legs[2].walletId",
                "metadata.k", "metadata.ok");
        assertThat(refused.errors()).extracting(error -> error.field().split("[.\\[]")[0])
                .as("unknown fields first, then the record's in its order")
                .containsSubsequence("secret", "amount", "reference", "count", "legs", "metadata");
        assertThat(refused.errors()).contains(
                new FieldError("secret", "is not a known field"),
                new FieldError("amount", "must be a plain decimal string such as \"10.00\""),
                new FieldError("count", "must be a whole number"),
                new FieldError("legs[0].walletId", "must be an id issued by this API"),
                new FieldError("legs[1]", "must be an object"),
                new FieldError("legs[2].amount", "must be greater than zero"),
                new FieldError("legs[2].walletId", "is required"),
                new FieldError("metadata.k", "must be a string"));
    }

    @Test
    void aMissingRequiredFieldIsReportedOnceEvenBesideABindingProblem() {
        InvalidRequestBody refused = refused("{\"amount\":5,\"count\":1.5}");

        assertThat(refused.errors()).containsExactly(new FieldError("amount", "must be a string"),
                new FieldError("count", "must be a whole number"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"amount\":\"1\",\"amount\":\"2\"}", "{\"amount\":\"1\"}}", "{\"amount\":\"1\"} x",
            "{\"amount\":"})
    void onlyOneWellFormedJsonDocumentIsRead(String body) {
        assertThat(refused(body).errors()).containsExactly(new FieldError("body",
                "is not one well-formed JSON document (no duplicate keys, nothing after it)"));
    }

    @Test
    void theBodyMustBeAnObjectOfUtf8NoLargerThan64KiB() {
        assertThat(refused("[1]").errors()).containsExactly(new FieldError("body", "must be a JSON object"));
        assertThat(catchThrowableOfType(InvalidRequestBody.class,
                () -> converter.read(Order.class, new MockHttpInputMessage(new byte[] {'"', (byte) 0xC0, (byte) 0xAF,
                        '"'}))).errors()).containsExactly(new FieldError("body", "is not valid UTF-8"));
        String big = "{\"reference\":\"" + "x".repeat(RequestRecordConverter.MAX_BODY_BYTES) + "\"}";
        assertThat(refused(big).errors()).containsExactly(new FieldError("body", "is larger than 64 KiB"));
    }

    private Object read(String body) {
        return read(body, Order.class);
    }

    private Object read(String body, Class<?> type) {
        return converter.read(type, new MockHttpInputMessage(body.getBytes(UTF_8)));
    }

    private InvalidRequestBody refused(String body) {
        return catchThrowableOfType(InvalidRequestBody.class, () -> read(body));
    }
}
