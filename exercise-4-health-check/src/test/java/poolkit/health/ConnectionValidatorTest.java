package poolkit.health;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import poolkit.testsupport.H2TcpServer;
import poolkit.testsupport.TestDatabase;
import poolkit.testsupport.TestDatabases;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Task 2: the validator tells live connections from dead ones, and never throws")
class ConnectionValidatorTest {

    /** Generous: a live connection must pass even on a loaded machine; a dead one fails at once anyway. */
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static H2TcpServer server;

    private final TestDatabase h2 = TestDatabases.h2();
    private final ConnectionValidator withIsValid = new ConnectionValidator(TIMEOUT, null);
    private final ConnectionValidator withQuery = new ConnectionValidator(TIMEOUT, "SELECT 1");

    @BeforeAll
    static void startServer() {
        server = H2TcpServer.start();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @Test
    @DisplayName("a working connection is alive, with isValid and with a validation query")
    void liveConnection() throws Exception {
        try (Connection connection = h2.connect()) {
            assertThat(withIsValid.isAlive(connection)).as("isAlive(a working connection), validating with isValid")
                    .isTrue();
            assertThat(withQuery.isAlive(connection)).as("isAlive(a working connection), validating with SELECT 1")
                    .isTrue();
        }
    }

    @Test
    @DisplayName("a closed connection is dead")
    void closedConnection() throws Exception {
        Connection connection = h2.connect();
        connection.close();
        assertThat(withIsValid.isAlive(connection)).as("isAlive(a closed connection), validating with isValid")
                .isFalse();
        assertThat(withQuery.isAlive(connection)).as("isAlive(a closed connection), validating with SELECT 1")
                .isFalse();
    }

    @Test
    @DisplayName("a connection whose database server went away is dead")
    void serverGone() throws Exception {
        TestDatabase remote = server.database("validator");
        Connection first = remote.connect();
        Connection second = remote.connect();
        server.stop();
        try {
            assertThat(withIsValid.isAlive(first))
                    .as("isAlive(a connection to an H2 server that was stopped), validating with isValid").isFalse();
            assertThat(withQuery.isAlive(second))
                    .as("isAlive(a connection to an H2 server that was stopped), validating with SELECT 1").isFalse();
        } finally {
            server.startAgain();
            first.close();
            second.close();
        }
    }

    @Test
    @DisplayName("with a validation query, the query decides: one that fails means dead")
    void failingQuery() throws Exception {
        ConnectionValidator withBadQuery = new ConnectionValidator(TIMEOUT, "SELECT * FROM no_such_table");
        try (Connection connection = h2.connect()) {
            assertThat(withBadQuery.isAlive(connection))
                    .as("isAlive(a working connection) with the validation query SELECT * FROM no_such_table "
                            + "(the query must be run, and its failure means the connection is not fit to lend)")
                    .isFalse();
        }
    }

    @Test
    @DisplayName("a driver that throws a RuntimeException is dead, not an exception in the caller")
    void driverBug() {
        Connection broken = (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
                new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                    throw new IllegalStateException("driver bug: " + method.getName());
                });
        assertThat(withIsValid.isAlive(broken)).as("isAlive(a connection whose every method throws "
                + "IllegalStateException), validating with isValid").isFalse();
        assertThat(withQuery.isAlive(broken)).as("isAlive(a connection whose every method throws "
                + "IllegalStateException), validating with SELECT 1").isFalse();
    }
}
