package dev.ledger.gateway.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ledger.gateway.support.IntegrationTest;
import dev.ledger.gateway.support.TestDatabase;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Fault (a): two instances of the service on one database, sixteen clients moving money through both, and one
 * instance killed with SIGKILL in the middle of it and started again. Whatever the kill cut off — a request before
 * or after its commit, a transfer between its debit and its credit, a claimed processor segment — every key takes
 * effect exactly once, no transfer stays PENDING, money is conserved and verification is ok.
 */
class KillNodeFaultIT {

    private static final int CLIENTS = 16;

    private ServiceProcess first;
    private ServiceProcess second;

    @AfterEach
    void stopInstances() throws InterruptedException {
        if (first != null) {
            first.close();
        }
        if (second != null) {
            second.close();
        }
    }

    @Test
    void killingOneOfTwoInstancesMidLoadLosesAndDuplicatesNothing() throws Exception {
        TestDatabase.Connection db = TestDatabase.get();
        first = ServiceProcess.on("kill-node-a", db.url(), db.username(), db.password(), IntegrationTest.ADMIN_KEY);
        second = ServiceProcess.on("kill-node-b", db.url(), db.username(), db.password(), IntegrationTest.ADMIN_KEY);
        // one after the other: two migrations racing on an empty database is not the fault under test
        first.start().awaitUp(Duration.ofSeconds(120));
        second.start().awaitUp(Duration.ofSeconds(120));

        MoneyMovers clients = new MoneyMovers(List.of(first.baseUrl(), second.baseUrl()),
                IntegrationTest.ADMIN_KEY, UUID.randomUUID().toString().substring(0, 8));
        clients.openWallets(CLIENTS);
        long seed = System.nanoTime();
        Future<?> load = clients.start(400, seed);

        await("load under way").atMost(Duration.ofSeconds(30)).until(() -> clients.operations().size() >= 150);
        first.kill();
        int operationsAtKill = clients.operations().size();
        first.start().awaitUp(Duration.ofSeconds(120));
        int operationsAtRestart = clients.operations().size();
        await("load on the restarted instance too").atMost(Duration.ofSeconds(60))
                .until(() -> clients.operations().size() >= operationsAtRestart + 150);
        clients.stop();
        load.get(3, TimeUnit.MINUTES);

        assertThat(first.healthStatus()).isEqualTo(200);
        assertThat(second.healthStatus()).isEqualTo(200);
        new Aftermath(clients).check("kill-node", Map.of("clients", CLIENTS, "kills", 1, "seed", seed,
                "operationsBeforeKill", operationsAtKill,
                "operationsWhileDown", operationsAtRestart - operationsAtKill));
    }
}
