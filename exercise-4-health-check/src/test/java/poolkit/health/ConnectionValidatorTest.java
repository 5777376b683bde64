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
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLTimeoutException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

@DisplayName("Task 2: the validator tells live connections from dead ones, and never throws")
class ConnectionValidatorTest {

    /** Generous: a live connection must pass even on a loaded machine; a dead one fails at once anyway. */
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    /** How long a validator with a 500 ms timeout may take on a database that never answers: far more than 1 s. */
    private static final Duration ANSWER_WITHIN = Duration.ofSeconds(10);
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

    @Test
    @DisplayName("a timeout under a second still limits the wait: 500 ms is not 0 s, which JDBC reads as no limit")
    void subSecondTimeoutStillLimits() throws Exception {
        Duration halfASecond = Duration.ofMillis(500);
        ExecutorService caller = Executors.newSingleThreadExecutor();
        NeverAnswers database = new NeverAnswers();
        try {
            for (ConnectionValidator validator : List.of(new ConnectionValidator(halfASecond, null),
                    new ConnectionValidator(halfASecond, "SELECT 1"))) {
                Future<Boolean> alive = caller.submit(() -> validator.isAlive(database.connection()));
                try {
                    assertThat(alive.get(ANSWER_WITHIN.toSeconds(), TimeUnit.SECONDS)).as("isAlive on a connection "
                            + "whose database never answers, validating with " + validator).isFalse();
                } catch (ExecutionException e) {
                    throw e.getCause() instanceof Exception cause ? cause : e;
                } catch (TimeoutException e) {
                    fail("isAlive with a validationTimeout of 500 ms (" + validator + ") did not return within "
                            + ANSWER_WITHIN.toSeconds() + " s on a connection whose database never answers: JDBC "
                            + "timeouts are whole seconds, and 0 means no limit at all, so a timeout truncated to "
                            + "0 s waits forever. Round up: 500 ms is 1 s. (Limits passed so far: "
                            + database.limitsSeen() + ")");
                }
            }
        } finally {
            database.answerEverything();
            caller.shutdownNow();
        }
    }

    /**
     * A connection whose database never answers: {@code isValid} and statements wait as long as their time limit
     * allows. With a limit of at least a second they give up at once (as a driver would when the limit is over,
     * without making the test wait); with 0, which JDBC reads as no limit, they wait until the test ends.
     */
    private static final class NeverAnswers {

        private final CountDownLatch testOver = new CountDownLatch(1);
        private final List<String> limitsSeen = new CopyOnWriteArrayList<>();

        Connection connection() {
            return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
                    new Class<?>[] {Connection.class}, (proxy, method, args) -> switch (method.getName()) {
                        case "toString" -> "a connection to a database that never answers";
                        case "hashCode" -> System.identityHashCode(proxy);
                        case "equals" -> proxy == args[0];
                        case "isClosed" -> false;
                        case "isValid" -> {
                            int seconds = (Integer) args[0];
                            limitsSeen.add("isValid(" + seconds + ")");
                            waitUnlessLimited(seconds);
                            yield false;
                        }
                        case "createStatement" -> statement();
                        case "close" -> null;
                        default -> throw new SQLFeatureNotSupportedException(method.getName());
                    });
        }

        private Statement statement() {
            int[] queryTimeout = {0};
            return (Statement) Proxy.newProxyInstance(Statement.class.getClassLoader(),
                    new Class<?>[] {Statement.class}, (proxy, method, args) -> {
                        if (method.getName().equals("setQueryTimeout")) {
                            queryTimeout[0] = (Integer) args[0];
                            limitsSeen.add("setQueryTimeout(" + queryTimeout[0] + ")");
                            return null;
                        }
                        if (method.getName().startsWith("execute")) {
                            waitUnlessLimited(queryTimeout[0]);
                            throw new SQLTimeoutException("the query timed out after " + queryTimeout[0] + " s");
                        }
                        if (method.getName().equals("close")) {
                            return null;
                        }
                        throw new SQLFeatureNotSupportedException(method.getName());
                    });
        }

        private void waitUnlessLimited(int seconds) throws InterruptedException {
            if (seconds <= 0) {
                testOver.await(); // no limit: the database never answers
            }
        }

        void answerEverything() {
            testOver.countDown();
        }

        List<String> limitsSeen() {
            return List.copyOf(limitsSeen);
        }
    }
}
