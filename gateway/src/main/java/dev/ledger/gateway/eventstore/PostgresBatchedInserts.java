package dev.ledger.gateway.eventstore;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.stereotype.Component;

/**
 * On PostgreSQL, has the driver send a JDBC batch of inserts as multi-row inserts ({@code reWriteBatchedInserts}):
 * a replay's journal rows and the sealer's seals reach the database in a fraction of the statements. Only for
 * PostgreSQL URLs: the embedded H2 refuses settings it does not know.
 */
@Component
class PostgresBatchedInserts implements BeanPostProcessor {

    @Override
    public Object postProcessBeforeInitialization(Object bean, String beanName) {
        if (bean instanceof HikariDataSource dataSource && dataSource.getJdbcUrl() != null
                && dataSource.getJdbcUrl().startsWith("jdbc:postgresql:")) {
            dataSource.addDataSourceProperty("reWriteBatchedInserts", "true");
        }
        return bean;
    }
}
