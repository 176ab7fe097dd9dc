package dev.ledger.gateway.operations;

import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.stereotype.Component;

/**
 * {@code db} in the management port's {@code /actuator/health}, in place of Spring Boot's, which waits for a pooled
 * connection as long as the pool lets it: DOWN within {@link DatabaseReachability#BUDGET} when the database is gone.
 */
@Component("dbHealthIndicator")
public class DatabaseHealthIndicator extends AbstractHealthIndicator {

    private final DatabaseReachability database;

    public DatabaseHealthIndicator(DatabaseReachability database) {
        this.database = database;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        database.reachable().ifPresentOrElse(product -> builder.up().withDetail("database", product),
                () -> builder.down().withDetail("error", "the database did not answer within "
                        + DatabaseReachability.BUDGET.toSeconds() + " s"));
    }
}
