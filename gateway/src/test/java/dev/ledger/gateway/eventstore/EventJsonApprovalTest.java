package dev.ledger.gateway.eventstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.ledger.events.money.Money;
import dev.ledger.events.wallet.HoldPlaced;
import dev.ledger.events.wallet.HoldCaptured;
import dev.ledger.events.wallet.HoldVoided;
import dev.ledger.events.wallet.HoldExpired;
import dev.ledger.events.transaction.LegDirection;
import dev.ledger.events.transaction.PostedLeg;
import dev.ledger.events.transaction.TransactionCredited;
import dev.ledger.events.transaction.TransactionDebited;
import dev.ledger.events.transaction.TransactionPosted;
import dev.ledger.events.transaction.TransactionReversed;
import dev.ledger.events.transfer.TransferReceived;
import dev.ledger.events.transfer.TransferReturned;
import dev.ledger.events.transfer.TransferReversed;
import dev.ledger.events.transfer.TransferSent;
import dev.ledger.events.escrow.EscrowCreated;
import dev.ledger.events.escrow.EscrowExpired;
import dev.ledger.events.escrow.EscrowFunded;
import dev.ledger.events.escrow.EscrowRefunded;
import dev.ledger.events.escrow.EscrowReleased;
import dev.ledger.events.wallet.EscrowPaymentReceived;
import dev.ledger.events.wallet.MoneyDeposited;
import dev.ledger.events.wallet.MoneyWithdrawn;
import dev.ledger.events.wallet.WalletClosed;
import dev.ledger.events.wallet.WalletFrozen;
import dev.ledger.events.wallet.WalletOpened;
import dev.ledger.events.wallet.WalletUnfrozen;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.axonframework.serialization.Revision;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Pins the JSON of every stored event, written by exactly the mapper the event store uses. A change to an event's
 * shape becomes a visible diff of a file under {@code src/test/resources/approved/events}: a deliberate decision
 * (with an upcaster and a new revision), never an accident.
 *
 * <p>When an approved file is missing or differs, the test writes what it got next to it as
 * {@code <Name>.received.json} and fails; review that file and, if it is right, rename it to {@code <Name>.json}.
 */
class EventJsonApprovalTest {

    private static final Path APPROVED = Path.of(System.getProperty("basedir", System.getProperty("user.dir")))
            .resolve("src/test/resources/approved/events");
    private static final String TYPES_FILE = "types.txt";

    private static final String WALLET = "5b3f1f0e-8c1d-4f55-9d4a-2c7e6a1b9f00";
    private static final String HOLD = "1f2e3d4c-5b6a-4978-8a9b-0c1d2e3f4a5b";
    private static final String TRANSFER = "2a3b4c5d-6e7f-4a8b-9c0d-1e2f3a4b5c6d";
    private static final String OTHER_WALLET = "3b4c5d6e-7f8a-4b9c-8d0e-2f3a4b5c6d7e";
    private static final String ESCROW = "4c5d6e7f-8a9b-4c0d-9e1f-3a4b5c6d7e8f";
    private static final String TRANSACTION = "5d6e7f8a-9b0c-4d1e-8f2a-4b5c6d7e8f9a";
    private static final String REVERSAL = "6e7f8a9b-0c1d-4e2f-9a3b-5c6d7e8f9a0b";
    private static final Instant AT = Instant.parse("2026-01-31T12:34:56.789Z");

    /** One fixed instance of every event class, as distinctive as possible so that no field can hide. */
    static List<Object> samples() {
        return List.of(
                new WalletOpened(WALLET, "user-42", "USD", "Groceries", AT, Map.of("costCenter", "cc-7")),
                new MoneyDeposited(WALLET, "0e8d4b1a-6f0c-4c1e-a6b7-1d2e3f4a5b6c", Money.of(12_345, "USD"),
                        "invoice-7", AT),
                // a null reference pins that nulls are written, not omitted
                new MoneyWithdrawn(WALLET, "7a9c2e4f-1b3d-4e5f-8a9b-0c1d2e3f4a5b", Money.of(2_000, "USD"), null,
                        AT.plusSeconds(60)),
                new WalletFrozen(WALLET, "c4d5e6f7-0a1b-4c2d-9e3f-4a5b6c7d8e9f", AT.plusSeconds(120)),
                new WalletUnfrozen(WALLET, "d5e6f7a8-1b2c-4d3e-8f4a-5b6c7d8e9f0a", AT.plusSeconds(180)),
                new WalletClosed(WALLET, "e6f7a8b9-2c3d-4e4f-9a5b-6c7d8e9f0a1b", AT.plusSeconds(240)),
                new HoldPlaced(WALLET, HOLD, "f7a8b9c0-3d4e-4f5a-8b6c-7d8e9f0a1b2c", Money.of(5_000, "USD"),
                        "order-9", AT.plusSeconds(900), AT, Map.of("cart", "c-12")),
                new HoldCaptured(WALLET, HOLD, "a8b9c0d1-4e5f-4a6b-9c7d-8e9f0a1b2c3d", Money.of(3_000, "USD"),
                        Money.of(2_000, "USD"), AT.plusSeconds(30)),
                new HoldVoided(WALLET, HOLD, "b9c0d1e2-5f6a-4b7c-8d8e-9f0a1b2c3d4e", Money.of(5_000, "USD"),
                        AT.plusSeconds(40)),
                new HoldExpired(WALLET, HOLD, "c0d1e2f3-6a7b-4c8d-9e9f-0a1b2c3d4e5f", Money.of(5_000, "USD"),
                        AT.plusSeconds(900)),
                new TransferSent(WALLET, TRANSFER, "d1e2f3a4-7b8c-4d9e-8f0a-1b2c3d4e5f6a", Money.of(7_500, "USD"),
                        OTHER_WALLET, "rent", AT, true, REVERSAL, Map.of("invoice", "inv-7")),
                new TransferReceived(OTHER_WALLET, TRANSFER, "e2f3a4b5-8c9d-4e0f-9a1b-2c3d4e5f6a7b",
                        Money.of(7_500, "USD"), WALLET, "rent", AT.plusSeconds(1)),
                new TransferReturned(WALLET, TRANSFER, "f3a4b5c6-9d0e-4f1a-8b2c-3d4e5f6a7b8c", Money.of(7_500, "USD"),
                        OTHER_WALLET, "currency-mismatch", AT.plusSeconds(1)),
                new EscrowPaymentReceived(OTHER_WALLET, ESCROW, "a4b5c6d7-0e1f-4a2b-9c3d-4e5f6a7b8c9d",
                        Money.of(9_900, "USD"), WALLET, AT.plusSeconds(2)),
                new EscrowCreated(ESCROW, "user-42", "user-7", WALLET, OTHER_WALLET, Money.of(9_900, "USD"), 86_400,
                        "a used bike", AT, Map.of("listing", "l-3")),
                new EscrowFunded(ESCROW, HOLD, AT.plusSeconds(86_460), AT.plusSeconds(60)),
                new EscrowReleased(ESCROW, AT.plusSeconds(120)),
                new EscrowRefunded(ESCROW, AT.plusSeconds(180)),
                new EscrowExpired(ESCROW, AT.plusSeconds(86_460)),
                new TransactionDebited(WALLET, TRANSACTION, "b5c6d7e8-1f2a-4b3c-8d4e-5f6a7b8c9d0e",
                        Money.of(10_000, "USD"), "order-11", AT),
                new TransactionCredited(OTHER_WALLET, TRANSACTION, "c6d7e8f9-2a3b-4c4d-9e5f-6a7b8c9d0e1f",
                        Money.of(9_500, "USD"), "order-11", AT),
                new TransactionPosted(TRANSACTION, "USD", List.of(
                        new PostedLeg(WALLET, "user-42", LegDirection.DEBIT, Money.of(10_000, "USD")),
                        new PostedLeg(OTHER_WALLET, "user-7", LegDirection.CREDIT, Money.of(9_500, "USD")),
                        new PostedLeg(HOLD, "platform", LegDirection.CREDIT, Money.of(500, "USD"))),
                        "order-11", Map.of("orderId", "o-11"), null, AT),
                new TransactionReversed(TRANSACTION, REVERSAL, "refund", AT.plusSeconds(3_600)),
                new TransferReversed(TRANSFER, REVERSAL, WALLET, OTHER_WALLET, Money.of(7_500, "USD"),
                        Money.of(2_500, "USD"), Money.of(5_000, "USD"), "damaged", AT.plusSeconds(7_200)));
    }

    private final ObjectMapper mapper = new EventStoreConfiguration().defaultAxonObjectMapper();

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void eventJsonMatchesItsApprovedFile(Object sample) throws IOException {
        String received = mapper.writerWithDefaultPrettyPrinter().writeValueAsString(sample);
        approve(sample.getClass().getSimpleName() + ".json", received);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void approvedJsonReadsBackAsTheSample(Object sample) throws IOException {
        Path approved = APPROVED.resolve(sample.getClass().getSimpleName() + ".json");
        assertThat(approved).as("approved file of %s", sample.getClass().getSimpleName()).exists();
        Object read = mapper.readValue(Files.readString(approved, StandardCharsets.UTF_8), sample.getClass());
        assertThat(read).isEqualTo(sample);
    }

    /** A transfer stored before the flag existed was left in flight for the transfer process (docs/adr/012). */
    @Test
    void aTransferSentStoredBeforeItsFlagReadsAsNotCreditedInTheSameTransaction() throws IOException {
        String stored = """
                {"walletId":"%s","transferId":"%s","entryId":"e","amount":{"minorUnits":7500,"currency":"USD"},
                 "toWalletId":"%s","reference":null,"occurredAt":"2026-01-31T12:34:56.789Z"}"""
                .formatted(WALLET, TRANSFER, OTHER_WALLET);

        TransferSent read = mapper.readValue(stored, TransferSent.class);

        assertThat(read.creditedInSameTransaction()).isFalse();
        assertThat(read.reversalOf()).as("stored before reversals existed").isNull();
        assertThat(read.metadata()).as("stored before metadata existed").isEmpty();
        assertThat(read.amount()).isEqualTo(Money.of(7_500, "USD"));
    }

    /** A wallet opened before wallets had metadata has none (docs/adr/016). */
    @Test
    void aWalletOpenedStoredBeforeMetadataReadsWithNone() throws IOException {
        String stored = """
                {"walletId":"%s","ownerId":"user-42","currency":"USD","label":null,
                 "occurredAt":"2026-01-31T12:34:56.789Z"}""".formatted(WALLET);

        WalletOpened read = mapper.readValue(stored, WalletOpened.class);

        assertThat(read.metadata()).isEmpty();
        assertThat(read.ownerId()).isEqualTo("user-42");
    }

    /** The stored type name and revision: renaming or moving an event, or bumping its revision, needs an upcaster. */
    @Test
    void storedTypeNamesAndRevisionsMatchTheApprovedList() throws IOException {
        JacksonSerializer serializer = JacksonSerializer.builder().objectMapper(mapper).build();
        String received = samples().stream()
                .map(sample -> {
                    SerializedObject<byte[]> serialized = serializer.serialize(sample, byte[].class);
                    return sample.getClass().getSimpleName() + " = " + serialized.getType().getName()
                            + " revision " + serialized.getType().getRevision();
                })
                .sorted()
                .collect(Collectors.joining("\n", "", "\n"));
        approve(TYPES_FILE, received);
    }

    @Test
    void everyEventClassHasASample() {
        Set<String> events = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.ledger.events")
                .stream()
                .filter(c -> c.isAnnotatedWith(Revision.class))
                .map(JavaClass::getName)
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> sampled = samples().stream().map(s -> s.getClass().getName())
                .collect(Collectors.toCollection(TreeSet::new));

        assertThat(events).as("event classes (annotated @Revision) found on the classpath").isNotEmpty();
        assertThat(sampled).as("add a sample to EventJsonApprovalTest.samples() for every event class")
                .containsExactlyElementsOf(events);
    }

    @Test
    void everyApprovedFileBelongsToAnEvent() throws IOException {
        // an approved file without its event means an event class disappeared: stored events could no longer be read
        Set<String> expected = samples().stream().map(s -> s.getClass().getSimpleName() + ".json")
                .collect(Collectors.toCollection(TreeSet::new));
        expected.add(TYPES_FILE);
        Set<String> approvedFiles;
        try (Stream<Path> files = Files.list(APPROVED)) {
            approvedFiles = files.map(p -> p.getFileName().toString())
                    .filter(name -> !name.contains(".received."))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
        assertThat(approvedFiles).containsExactlyElementsOf(expected);
    }

    private static void approve(String fileName, String received) throws IOException {
        Path approved = APPROVED.resolve(fileName);
        Path receivedFile = APPROVED.resolve(receivedName(fileName));
        String actual = normalize(received);
        if (Files.exists(approved) && normalize(Files.readString(approved, StandardCharsets.UTF_8)).equals(actual)) {
            Files.deleteIfExists(receivedFile);
            return;
        }
        Files.createDirectories(APPROVED);
        Files.writeString(receivedFile, actual, StandardCharsets.UTF_8);
        if (!Files.exists(approved)) {
            fail("No approved file %s. Wrote what the event store would store to %s: review it and, if it is right, "
                    + "rename it to %s.", approved, receivedFile, fileName);
        }
        assertThat(actual)
                .as("%s changed. If this is deliberate (a new revision with an upcaster), review %s and rename it "
                        + "to %s.", fileName, receivedFile, fileName)
                .isEqualTo(normalize(Files.readString(approved, StandardCharsets.UTF_8)));
    }

    private static String receivedName(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return fileName.substring(0, dot) + ".received" + fileName.substring(dot);
    }

    private static String normalize(String text) {
        return text.replace("\r\n", "\n").strip() + "\n";
    }
}
