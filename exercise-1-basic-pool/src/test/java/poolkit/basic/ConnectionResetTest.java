package poolkit.basic;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import poolkit.testsupport.ConnectionResetContract;
import poolkit.testsupport.RememberingConnection;
import poolkit.testsupport.Sql;
import poolkit.testsupport.TestDatabases;
import poolkit.testsupport.TrackingConnectionFactory;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The kit's reset contract (test-support's ConnectionResetContract: one copy for every pool), on your pool; and, on
 * H2, the two things H2 itself forgets (a read-only flag, warnings), with connections that remember them as
 * PostgreSQL's driver does, so these are checked even when PostgreSQL is off.
 */
@DisplayName("Task 4: every setting a borrower changed is set back for the next one")
class ConnectionResetTest extends ConnectionResetContract {

    private final TrackingConnectionFactory h2 = new TrackingConnectionFactory(TestDatabases.h2());
    private final List<RememberingConnection> remembering = new CopyOnWriteArrayList<>();

    @Override
    protected PoolHandle onePool(TrackingConnectionFactory factory) throws SQLException {
        ConnectionPool pool = new ConnectionPool(TestPools.config().maxConnections(1).build(), factory::connect);
        return new PoolHandle() {
            @Override
            public Connection getConnection() throws SQLException {
                // The contract borrows again only once it closed the handle before: that connection must be back.
                TestPools.awaitGivenBack(pool, "the connection of the handle the borrower before closed");
                return pool.getConnection();
            }

            @Override
            public void close() {
                pool.close();
            }
        };
    }

    /** A pool of one connection that remembers its read-only flag and warnings (H2 forgets both). */
    private ConnectionPool onePoolThatRemembers() throws SQLException {
        return new ConnectionPool(TestPools.config().maxConnections(1).build(), () -> {
            RememberingConnection connection = RememberingConnection.wrap(h2.connect());
            remembering.add(connection);
            return connection.connection();
        });
    }

    @Test
    @DisplayName("read-only is switched off again (H2, on a connection that remembers it as PostgreSQL does)")
    void readOnlyIsResetOnH2() throws Exception {
        try (ConnectionPool pool = onePoolThatRemembers()) {
            try (Connection first = pool.getConnection()) {
                first.setReadOnly(true);
                assertThat(first.isReadOnly()).as("read-only flag right after the borrower set it").isTrue();
            }
            TestPools.awaitGivenBack(pool, "the first borrower's connection (its handle closed)");
            try (Connection next = pool.getConnection()) {
                assertThat(next.isReadOnly()).as("read-only flag of the next borrower's connection (the same "
                        + "physical connection: the pool has one), after the first borrower switched it on").isFalse();
            }
        }
    }

    @Test
    @DisplayName("warnings one borrower got are cleared before the next borrower gets the connection (H2)")
    void warningsAreCleared() throws Exception {
        try (ConnectionPool pool = onePoolThatRemembers()) {
            try (Connection first = pool.getConnection()) {
                assertThat(remembering).as("physical connections the pool opened for one borrower").hasSize(1);
                remembering.get(0).addWarning(new SQLWarning("a warning the first borrower never read"));
                assertThat((Object) first.getWarnings()).as("warnings the first borrower's connection reports")
                        .isNotNull();
            }
            TestPools.awaitGivenBack(pool, "the first borrower's connection (its handle closed)");
            try (Connection next = pool.getConnection()) {
                assertThat((Object) next.getWarnings()).as("warnings the next borrower's connection reports (the first "
                        + "borrower's, unless the pool cleared them)").isNull();
            }
        }
    }

    @Test
    @DisplayName("each setting a borrower changes takes effect on its connection, and goes back to the value that "
            + "connection was opened with, on the same connection, on H2")
    void settingsTakeEffectAndGoBackToTheirOpeningValues() throws Exception {
        try (ConnectionPool pool = new ConnectionPool(TestPools.config().maxConnections(1).build(), () -> {
            RememberingConnection connection = RememberingConnection.wrap(h2.connect());
            // Opened read-only and with a network timeout, as a pool of a read replica's connections may be.
            connection.connection().setReadOnly(true);
            connection.connection().setNetworkTimeout(Runnable::run, 7_000);
            remembering.add(connection);
            return connection.connection();
        })) {
            int isolation;
            String schema;
            String catalog;
            int other;
            try (Connection first = pool.getConnection()) {
                isolation = first.getTransactionIsolation();
                schema = first.getSchema();
                catalog = first.getCatalog();
                assertThat(first.isReadOnly()).as("read-only flag of a connection opened read-only").isTrue();
                other = isolation == Connection.TRANSACTION_READ_UNCOMMITTED
                        ? Connection.TRANSACTION_READ_COMMITTED : Connection.TRANSACTION_READ_UNCOMMITTED;
                first.setTransactionIsolation(Connection.TRANSACTION_SERIALIZABLE);
                first.setTransactionIsolation(other); // changed twice: set back to the first value, not the one between
                first.setSchema("information_schema");
                first.setCatalog("OTHER_CATALOG");
                first.setReadOnly(false);
                first.setNetworkTimeout(Runnable::run, 1_234);
                assertThat(List.of(first.getTransactionIsolation(), first.getSchema(), first.getCatalog(),
                        first.isReadOnly(), first.getNetworkTimeout()))
                        .as("isolation, schema, catalog, read-only flag and network timeout the borrower reads back "
                                + "right after setting them (the handle must pass each setter on to its connection)")
                        .containsExactly(other, "information_schema", "OTHER_CATALOG", false, 1_234);
            }
            TestPools.awaitGivenBack(pool, "the first borrower's connection (its handle closed)");
            try (Connection next = pool.getConnection()) {
                assertThat(List.of(next.getTransactionIsolation(), next.getSchema(), next.getCatalog(),
                        next.isReadOnly(), next.getNetworkTimeout()))
                        .as("isolation, schema, catalog, read-only flag and network timeout of the next borrower's "
                                + "connection: each back to what the connection had when it was opened (read-only, "
                                + "7000 ms; the isolation level was changed twice, its first value counts)")
                        .containsExactly(isolation, schema, catalog, true, 7_000);
            }
            assertThat(h2.opened()).as("physical connections opened (maxConnections is 1): a connection whose "
                    + "settings a borrower changed is set back and kept, and closed only if it broke or the reset "
                    + "failed").isEqualTo(1);
        }
    }

    @Test
    @DisplayName("a connection whose reset fails (its rollback throws) is closed, not lent to the next borrower")
    void connectionWhoseResetFailsIsClosed() throws Exception {
        Faults faults = new Faults();
        try (ConnectionPool pool = new ConnectionPool(TestPools.config().maxConnections(1).build(),
                () -> faults.wrap(h2.connect()))) {
            try (Connection first = pool.getConnection(); Statement statement = first.createStatement()) {
                first.setAutoCommit(false);
                statement.execute("CREATE TABLE trades (id INT)");
                faults.rollbackFails.set(true); // from now on, until the next borrower
            }
            faults.rollbackFails.set(false);
            try (Connection next = pool.getConnection()) {
                assertThat(h2.opened()).as("physical connections opened (maxConnections is 1): the first could not be "
                        + "reset (its rollback threw), so it must be closed and replaced; set back without the "
                        + "rollback, its open transaction would be committed or reach the next borrower").isEqualTo(2);
                assertThat(next.getAutoCommit()).as("auto-commit of the next borrower's connection").isTrue();
            }
            assertThat(TestPools.physical(h2, 0, "one borrowed").isClosed())
                    .as("the connection whose rollback failed, after it was given back").isTrue();
        }
    }

    @Test
    @DisplayName("a setting the pool could not read before the borrower changed it does not reach the next borrower")
    void settingWithAnUnknownOpeningValueDoesNotReachTheNextBorrower() throws Exception {
        Faults faults = new Faults();
        try (ConnectionPool pool = new ConnectionPool(TestPools.config().maxConnections(1).build(),
                () -> faults.wrap(h2.connect()))) {
            try (Connection first = pool.getConnection()) {
                faults.autoCommitReadsToFail.set(1); // the next getAutoCommit() on the physical connection throws
                try {
                    first.setAutoCommit(false);
                } catch (SQLException refused) {
                    // a pool may refuse the change when it cannot read what to set back; then nothing changed
                }
            }
            try (Connection next = pool.getConnection()) {
                assertThat(next.getAutoCommit()).as("auto-commit of the next borrower's connection, after the first "
                        + "borrower switched it off when reading its value failed once: a setting the pool cannot "
                        + "set back must not reach the next borrower (close that connection instead)").isTrue();
            }
        }
    }

    @Test
    @DisplayName("a borrower that changed nothing costs no setter call on return, and one that changed a setting "
            + "costs that setting's setter only (HikariCP's dirty bits)")
    void onlyWhatTheBorrowerChangedIsSetBack() throws Exception {
        Faults faults = new Faults();
        try (ConnectionPool pool = new ConnectionPool(TestPools.config().maxConnections(1).build(),
                () -> faults.wrap(h2.connect()))) {
            try (Connection first = pool.getConnection()) {
                faults.setterCalls.clear(); // what the pool did when it opened the connection is its own business
                Sql.selectOne(first);
            }
            TestPools.awaitGivenBack(pool, "the first borrower's connection (its handle closed)");
            try (Connection next = pool.getConnection()) {
                Sql.selectOne(next);
            }
            assertThat(faults.setterCalls).as("setter calls the pool made on the physical connection while two "
                    + "borrowers, one after the other, ran a query each and changed no setting (from the first lending "
                    + "to the second borrower's close()). Reset only what the borrower changed: have the handle note "
                    + "each setting it changes (HikariCP's dirty bits), so a clean return costs nothing; on PostgreSQL "
                    + "setTransactionIsolation and setSchema are each a round trip to the server").isEmpty();
            assertThat(h2.opened()).as("physical connections opened (maxConnections is 1, nothing broke)").isEqualTo(1);

            TestPools.awaitGivenBack(pool, "the second borrower's connection (its handle closed)");
            try (Connection third = pool.getConnection()) {
                int isolation = third.getTransactionIsolation();
                third.setTransactionIsolation(isolation == Connection.TRANSACTION_SERIALIZABLE
                        ? Connection.TRANSACTION_READ_COMMITTED : Connection.TRANSACTION_SERIALIZABLE);
                faults.setterCalls.clear(); // the borrower's own call
            }
            TestPools.awaitGivenBack(pool, "the third borrower's connection (its handle closed)");
            try (Connection fourth = pool.getConnection()) {
                Sql.selectOne(fourth);
            }
            assertThat(faults.setterCalls.stream().map(call -> call.substring(0, call.indexOf('('))).toList())
                    .as("setters the pool called on the physical connection after a borrower changed its transaction "
                            + "isolation (and nothing else) and closed its handle, until the next borrower closed its "
                            + "own (calls: %s): that one setting is set back, once, and no other (reset only what the "
                            + "borrower changed: the handle notes it, as HikariCP's dirty bits do)", faults.setterCalls)
                    .containsExactly("setTransactionIsolation");
        }
    }

    /**
     * Faults the test switches on in the physical connections: a rollback that throws, reads that fail; and a record
     * of every setter called on them ({@code setAutoCommit(false)}, ...).
     */
    private static final class Faults {
        final AtomicBoolean rollbackFails = new AtomicBoolean();
        final AtomicInteger autoCommitReadsToFail = new AtomicInteger();
        final List<String> setterCalls = new CopyOnWriteArrayList<>();

        Connection wrap(Connection real) {
            return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
                    new Class<?>[] {Connection.class}, (self, method, args) -> {
                        String name = method.getName();
                        if (name.equals("equals") && method.getParameterCount() == 1) {
                            return self == args[0];
                        }
                        if (name.equals("hashCode") && method.getParameterCount() == 0) {
                            return System.identityHashCode(self);
                        }
                        if (name.startsWith("set")) {
                            setterCalls.add(name + "(" + (args == null ? "" : Arrays.stream(args)
                                    .map(arg -> arg instanceof Executor ? "an executor" : String.valueOf(arg))
                                    .collect(Collectors.joining(", "))) + ")");
                        }
                        if (name.equals("rollback") && method.getParameterCount() == 0 && rollbackFails.get()) {
                            throw new SQLException("injected: the rollback failed (the test broke it)");
                        }
                        if (name.equals("getAutoCommit")
                                && autoCommitReadsToFail.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                            throw new SQLException("injected: reading auto-commit failed (the test broke it)");
                        }
                        try {
                            return method.invoke(real, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
        }
    }
}
