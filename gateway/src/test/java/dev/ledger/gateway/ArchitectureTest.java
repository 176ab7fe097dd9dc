package dev.ledger.gateway;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.axonframework.serialization.Revision;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What Maven's module graph cannot see (CONVENTIONS.md): the shared message module stays free of Spring and JPA,
 * the two sides stay apart at the package level, features do not reach into each other, and every event is an
 * immutable record carrying {@code @Revision}, and a request's way through the gateway runs one way.
 */
class ArchitectureTest {

    private static JavaClasses ledger;

    @BeforeAll
    static void importProductionClasses() {
        ledger = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.ledger");
    }

    @Test
    void theImportSeesEveryModule() {
        // the rules below would pass vacuously if the importer found nothing of a module
        assertThat(ledger.stream().map(JavaClass::getPackageName))
                .anyMatch(p -> p.startsWith("dev.ledger.events."))
                .anyMatch(p -> p.startsWith("dev.ledger.command."))
                .anyMatch(p -> p.startsWith("dev.ledger.query."))
                .anyMatch(p -> p.startsWith("dev.ledger.gateway."));
    }

    @Test
    void eventsKnowNothingOfSpringOrPersistence() {
        ArchRule rule = noClasses().that().resideInAPackage("dev.ledger.events..")
                .should().dependOnClassesThat()
                .resideInAnyPackage("org.springframework..", "jakarta.persistence..", "org.hibernate..")
                .because("events is the shared message module: plain records, no Spring, no JPA");
        rule.check(ledger);
    }

    @Test
    void theQuerySideNeverSeesTheCommandSideOrTheGateway() {
        ArchRule rule = noClasses().that().resideInAPackage("dev.ledger.query..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.ledger.command..", "dev.ledger.gateway..");
        rule.check(ledger);
    }

    @Test
    void theCommandSideNeverSeesTheQuerySideOrTheGateway() {
        ArchRule rule = noClasses().that().resideInAPackage("dev.ledger.command..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.ledger.query..", "dev.ledger.gateway..");
        rule.check(ledger);
    }

    @Test
    void walletPackagesDoNotDependOnEscrowPackages() {
        ArchRule rule = noClasses().that().resideInAPackage("..wallet..")
                .should().dependOnClassesThat().resideInAPackage("..escrow..");
        rule.check(ledger);
    }

    @Test
    void escrowsReachWalletsOnlyThroughTheirMessages() {
        // the escrow coordinates wallets by sending their commands (events.wallet), never by touching the Wallet
        // aggregate or the wallet read model's internals
        ArchRule rule = noClasses().that().resideInAnyPackage("dev.ledger.command.escrow..", "dev.ledger.query.escrow..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.ledger.command.wallet..",
                        "dev.ledger.query.wallet..");
        rule.check(ledger);
    }

    @Test
    void everyClassCarryingARevisionIsARecord() {
        ArchRule rule = classes().that().areAnnotatedWith(Revision.class)
                .should().beRecords()
                .because("events are immutable records (CONVENTIONS.md, Messages)");
        rule.check(ledger);
    }

    @Test
    void everyEventRecordCarriesARevision() {
        // a record that is not a command, query or answer is an event; @Revision("1") from day one
        ArchRule rule = classes().that().resideInAnyPackage("dev.ledger.events.wallet", "dev.ledger.events.escrow")
                .and().areRecords()
                .and().areNotEnums()
                .and().haveSimpleNameNotEndingWith("Command")
                .and().haveSimpleNameNotEndingWith("Query")
                .and().haveSimpleNameNotEndingWith("View")
                .and().haveSimpleNameNotEndingWith("Page")
                .and().haveSimpleNameNotEndingWith("Result")
                .should().beAnnotatedWith(Revision.class)
                .because("the stored event carries its revision: a later schema change needs an upcaster");
        rule.check(ledger);
    }

    @Test
    void theWayOfARequestThroughTheGatewayHasNoPackageCycles() {
        // one package per purpose (CONVENTIONS.md): the Idempotency-Key's way (idempotency) builds on web plumbing
        // (http), commands (command) and problems (problem), never the other way round. Not yet the whole gateway:
        // problem -> operations -> apikey -> problem is still a cycle.
        Set<String> untangled = Set.of("idempotency", "http", "problem", "command", "metering", "openapi");
        ArchRule rule = slices().matching("dev.ledger.gateway.(*)..")
                .that(DescribedPredicate.describe("are " + untangled,
                        slice -> untangled.contains(slice.getNamePart(1))))
                .should().beFreeOfCycles();
        rule.check(ledger);
    }
}
