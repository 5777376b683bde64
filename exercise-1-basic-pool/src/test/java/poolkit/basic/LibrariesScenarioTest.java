package poolkit.basic;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import poolkit.testsupport.Concurrently;
import poolkit.testsupport.TestDatabase;
import poolkit.testsupport.TestDatabases;
import poolkit.testsupport.TrackingConnectionFactory;

import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The pool as a real service uses it: as the {@code DataSource} of libraries no one here wrote. Flyway creates the
 * schema, Spring's {@code JdbcTemplate} runs transactions (commit, rollback, read-only, SERIALIZABLE), a careless
 * plain-JDBC borrower leaves its settings behind, and then JDBI runs transactions from 16 threads. Every committed
 * row must be there, no rolled-back row may be, and no borrower may see another's settings.
 */
@Tag("postgres")
@DisplayName("Task 6: the pool under Flyway, Spring JDBC and JDBI (PostgreSQL)")
class LibrariesScenarioTest {

    private static final int THREADS = 16;
    private static final int TRANSACTIONS_PER_THREAD = 40;

    @Test
    @DisplayName("Flyway migrates, Spring commits and rolls back, JDBI loads from 16 threads: nothing lost, nothing leaks")
    void librariesOnThePool() throws Exception {
        TestDatabase database = TestDatabases.postgres();
        TrackingConnectionFactory factory = new TrackingConnectionFactory(database);
        int max = 6;
        try (ConnectionPool pool = new ConnectionPool(TestPools.config().maxConnections(max)
                .connectionTimeout(Duration.ofSeconds(10)).build(), factory::connect)) {
            String schema;
            int isolation;
            try (Connection connection = pool.getConnection()) {
                schema = connection.getSchema();
                isolation = connection.getTransactionIsolation();
            }
            TestPools.awaitGivenBack(pool, "the connection the test borrowed to read its schema (its handle closed)");

            MigrateResult migrated = Flyway.configure().dataSource(pool).locations("classpath:db/trades")
                    .schemas(schema).load().migrate();
            assertThat(migrated.migrationsExecuted).as("Flyway migrations run through the pool").isEqualTo(2);

            JdbcTemplate jdbc = new JdbcTemplate(pool);
            TransactionTemplate transactions = new TransactionTemplate(new DataSourceTransactionManager(pool));
            transactions.executeWithoutResult(status ->
                    jdbc.update("INSERT INTO trades (source, symbol, qty) VALUES ('spring', 'ACME', 1)"));
            assertThatThrownBy(() -> transactions.executeWithoutResult(status -> {
                jdbc.update("INSERT INTO trades (source, symbol, qty) VALUES ('rolled-back', 'ACME', 2)");
                throw new IllegalStateException("the trade is rejected");
            })).hasMessageContaining("rejected");
            TransactionTemplate readOnly = new TransactionTemplate(new DataSourceTransactionManager(pool));
            readOnly.setReadOnly(true);
            Long counted = readOnly.execute(status -> jdbc.queryForObject("SELECT count(*) FROM trades", Long.class));
            assertThat(counted).as("rows a read-only Spring transaction counts").isEqualTo(1L);
            TransactionTemplate serializable = new TransactionTemplate(new DataSourceTransactionManager(pool));
            serializable.setIsolationLevel(TransactionDefinition.ISOLATION_SERIALIZABLE);
            serializable.executeWithoutResult(status ->
                    jdbc.update("INSERT INTO trades (source, symbol, qty) VALUES ('spring', 'ACME', 3)"));

            // Careless plain-JDBC borrowers, on every connection of the pool at once (twice, so each connection is
            // left both ways): one leaves a transaction with an insert open, the other changes every setting.
            jdbc.execute("CREATE SCHEMA " + schema + "_scratch");
            for (int round = 0; round < 2; round++) {
                List<Connection> careless = new ArrayList<>();
                for (int i = 0; i < max; i++) {
                    careless.add(pool.getConnection());
                }
                for (int i = 0; i < max; i++) {
                    Connection connection = careless.get(i);
                    if ((i + round) % 2 == 0) {
                        connection.setAutoCommit(false);
                        connection.createStatement().execute(
                                "INSERT INTO trades (source, symbol, qty) VALUES ('rolled-back', 'ACME', 4)");
                    } else {
                        connection.setTransactionIsolation(Connection.TRANSACTION_SERIALIZABLE);
                        connection.setSchema(schema + "_scratch");
                        connection.setReadOnly(true);
                        connection.setAutoCommit(false);
                        connection.createStatement().executeQuery("SELECT 1");
                    }
                }
                for (Connection connection : careless) {
                    connection.close(); // nothing committed, no statement closed
                }
            }

            Jdbi jdbi = Jdbi.create(pool);
            List<String> seen = Concurrently.run(THREADS, THREADS * TRANSACTIONS_PER_THREAD, TestPools.stall(pool), task ->
                    jdbi.inTransaction(handle -> {
                        Map<String, Object> settings = handle.createQuery("SELECT current_schema() AS schema, "
                                + "current_setting('transaction_isolation') AS isolation, "
                                + "current_setting('transaction_read_only') AS read_only").mapToMap().one();
                        handle.execute("INSERT INTO trades (source, symbol, qty) VALUES ('jdbi', 'ACME', ?)", task);
                        return settings.get("schema") + "/" + settings.get("isolation") + "/"
                                + settings.get("read_only");
                    }));
            String expected = schema + "/" + isolationName(isolation) + "/off";
            assertThat(seen).as("schema/isolation/read-only each JDBI transaction saw (a borrower that sees "
                    + "another's settings means the pool did not reset them)").containsOnly(expected);

            assertThat(jdbc.queryForObject("SELECT count(*) FROM trades WHERE source = 'spring'", Long.class))
                    .as("rows committed through Spring").isEqualTo(2L);
            assertThat(jdbc.queryForObject("SELECT count(*) FROM trades WHERE source = 'jdbi'", Long.class))
                    .as("rows committed through JDBI").isEqualTo((long) THREADS * TRANSACTIONS_PER_THREAD);
            assertThat(jdbc.queryForObject("SELECT count(*) FROM trades WHERE source = 'rolled-back'", Long.class))
                    .as("rows of rolled-back or never-committed transactions").isZero();
            PoolStats stats = pool.stats();
            assertThat(stats.active()).as("connections still lent when every library is done (" + stats + ")")
                    .isZero();
            assertThat(factory.peakOpen()).as("most connections open at once (maxConnections is " + max + ")")
                    .isLessThanOrEqualTo(max);
        }
    }

    private static String isolationName(int level) {
        return switch (level) {
            case Connection.TRANSACTION_READ_UNCOMMITTED -> "read uncommitted";
            case Connection.TRANSACTION_READ_COMMITTED -> "read committed";
            case Connection.TRANSACTION_REPEATABLE_READ -> "repeatable read";
            case Connection.TRANSACTION_SERIALIZABLE -> "serializable";
            default -> "level " + level;
        };
    }
}
