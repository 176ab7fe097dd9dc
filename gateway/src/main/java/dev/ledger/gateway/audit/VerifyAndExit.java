package dev.ledger.gateway.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ledger.events.audit.VerificationReport;
import dev.ledger.query.verification.LedgerVerification;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.stereotype.Component;

/**
 * Verification from the command line, without serving HTTP:
 * {@code java -jar ledger.jar --ledger.verify-and-exit=true --server.port=-1} (with the
 * usual LEDGER_DB_URL, LEDGER_DB_USER, LEDGER_DB_PASSWORD) prints the report as JSON and exits 0 when it is ok,
 * 1 otherwise. {@code server.port=-1} keeps the servlet context the web beans need but opens no port.
 */
@Component
@ConditionalOnProperty(name = "ledger.verify-and-exit", havingValue = "true")
public class VerifyAndExit implements ApplicationRunner {

    private final LedgerVerification verification;
    private final ObjectMapper json;
    private final ConfigurableApplicationContext context;

    public VerifyAndExit(LedgerVerification verification, ObjectMapper json, ConfigurableApplicationContext context) {
        this.verification = verification;
        this.json = json;
        this.context = context;
    }

    @Override
    public void run(ApplicationArguments args) throws Exception {
        VerificationReport report = verification.verify();
        System.out.println(json.writerWithDefaultPrettyPrinter().writeValueAsString(report));
        System.out.flush();
        int status = report.ok() ? 0 : 1;
        System.exit(SpringApplication.exit(context, () -> status));
    }
}
