package poolkit.testsupport;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What one borrower changes must not reach the next, in every pool of the kit: each setting a borrower may change is
 * set back to what the connection had when it was opened, and statements left open are closed. One contract, so
 * every pool is held to the same rules; a module's test class extends it and says how to make its pool, with
 * exactly one connection (so the next borrower always gets the same physical connection).
 */
public abstract class ConnectionResetContract {

    private final TestDatabase h2 = TestDatabases.h2();

    /** A pool of the module under test, lending at most one connection, opened through {@code factory}. */
    protected abstract PoolHandle onePool(TrackingConnectionFactory factory) throws SQLException;

    /** A pool as the contract sees it: it lends connections, and the contract closes it when done. */
    public interface PoolHandle extends AutoCloseable {
        Connection getConnection() throws SQLException;

        @Override
        void close();
    }

    private PoolHandle onePool(TestDatabase database) throws SQLException {
        return onePool(new TrackingConnectionFactory(database));
    }

    @Test
    @DisplayName("transaction isolation is set back (H2)")
    void isolationIsReset() throws Exception {
        try (PoolHandle pool = onePool(h2)) {
            int initial;
            try (Connection first = pool.getConnection()) {
                initial = first.getTransactionIsolation();
                int other = initial == Connection.TRANSACTION_SERIALIZABLE
                        ? Connection.TRANSACTION_READ_COMMITTED : Connection.TRANSACTION_SERIALIZABLE;
                first.setTransactionIsolation(other);
            }
            try (Connection next = pool.getConnection()) {
                assertThat(next.getTransactionIsolation())
                        .as("isolation level of the next borrower's connection, after the first set another one")
                        .isEqualTo(initial);
            }
        }
    }

    @Test
    @DisplayName("the schema is set back, so the next borrower's queries find their tables (H2)")
    void schemaIsReset() throws Exception {
        h2.execute("CREATE SCHEMA archive");
        h2.execute("CREATE TABLE trades (id INT)");
        try (PoolHandle pool = onePool(h2)) {
            String initial;
            try (Connection first = pool.getConnection()) {
                initial = first.getSchema();
                first.setSchema("archive");
            }
            try (Connection next = pool.getConnection(); Statement statement = next.createStatement()) {
                assertThat(next.getSchema()).as("schema of the next borrower's connection, after the first switched "
                        + "to archive").isEqualTo(initial);
                statement.execute("INSERT INTO trades VALUES (1)"); // "Table trades not found" in archive
            }
        }
    }

    @Test
    @DisplayName("read-only is switched off again (H2)")
    void readOnlyIsReset() throws Exception {
        try (PoolHandle pool = onePool(h2)) {
            try (Connection first = pool.getConnection()) {
                first.setReadOnly(true);
            }
            try (Connection next = pool.getConnection()) {
                assertThat(next.isReadOnly()).as("read-only flag of the next borrower's connection").isFalse();
            }
        }
    }

    @Test
    @DisplayName("statements and result sets the borrower left open are closed when the handle is")
    void openStatementsAreClosed() throws Exception {
        try (PoolHandle pool = onePool(h2)) {
            Statement plain;
            Statement prepared;
            ResultSet rows;
            try (Connection first = pool.getConnection()) {
                plain = first.createStatement();
                rows = plain.executeQuery("SELECT 1");
                prepared = first.prepareStatement("SELECT ?");
                // none of them closed by the borrower
            }
            assertThat(plain.isClosed()).as("a Statement left open, after its handle was closed").isTrue();
            assertThat(rows.isClosed()).as("a ResultSet left open, after its handle was closed").isTrue();
            assertThat(prepared.isClosed()).as("a PreparedStatement left open, after its handle was closed").isTrue();
            try (Connection next = pool.getConnection(); Statement statement = next.createStatement()) {
                assertThat(statement.isClosed()).as("a statement of the next borrower").isFalse();
            }
        }
    }

    @Test
    @Tag("postgres")
    @DisplayName("isolation, schema, read-only and network timeout are all set back (PostgreSQL)")
    void settingsAreResetOnPostgres() throws Exception {
        TestDatabase postgres = TestDatabases.postgres();
        postgres.execute("CREATE TABLE trades (id INT)");
        ExecutorService timeouts = Executors.newSingleThreadExecutor();
        try (PoolHandle pool = onePool(postgres)) {
            int isolation;
            String schema;
            int networkTimeout;
            try (Connection first = pool.getConnection(); Statement statement = first.createStatement()) {
                isolation = first.getTransactionIsolation();
                schema = first.getSchema();
                networkTimeout = first.getNetworkTimeout();
                statement.execute("CREATE SCHEMA " + schema + "_other");
                first.setTransactionIsolation(Connection.TRANSACTION_SERIALIZABLE);
                first.setSchema(schema + "_other");
                first.setReadOnly(true);
                first.setNetworkTimeout(timeouts, networkTimeout + 12_345);
            }
            try (Connection next = pool.getConnection(); Statement statement = next.createStatement()) {
                assertThat(next.getTransactionIsolation()).as("isolation level of the next borrower's connection")
                        .isEqualTo(isolation);
                assertThat(next.getSchema()).as("schema of the next borrower's connection").isEqualTo(schema);
                assertThat(next.isReadOnly()).as("read-only flag of the next borrower's connection").isFalse();
                assertThat(next.getNetworkTimeout()).as("network timeout (ms) of the next borrower's connection")
                        .isEqualTo(networkTimeout);
                statement.execute("INSERT INTO trades VALUES (1)"); // fails read-only, or in the other schema
            }
        } finally {
            timeouts.shutdownNow();
        }
    }
}
