package dev.ledger.gateway;

import dev.ledger.gateway.audit.VerifyAndExit;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.scheduling.annotation.EnableScheduling;

@SpringBootApplication(scanBasePackages = "dev.ledger")
@EnableScheduling
public class LedgerApplication {

    static {
        // The AxonIQ update checker phones home at start-up; a ledger does not call out to the internet.
        if (System.getProperty("axoniq.update-checker.disabled") == null) {
            System.setProperty("axoniq.update-checker.disabled", "true");
        }
        // Nor does it advertise AxonIQ Console in its log at every start.
        if (System.getProperty("disable-axoniq-console-message") == null) {
            System.setProperty("disable-axoniq-console-message", "true");
        }
    }

    public static void main(String[] args) {
        if (VerifyAndExit.requested(args)) {
            System.exit(VerifyAndExit.run(args));
        }
        SpringApplication.run(LedgerApplication.class, args);
    }
}
