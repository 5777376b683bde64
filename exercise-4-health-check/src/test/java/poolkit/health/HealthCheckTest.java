package poolkit.health;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import poolkit.testsupport.Concurrently;
import poolkit.testsupport.H2TcpServer;
import poolkit.testsupport.TestDatabases;
import poolkit.testsupport.TrackingConnectionFactory;
import poolkit.testsupport.Sql;

import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static poolkit.health.HealthTestPools.PATIENCE;
import static poolkit.health.HealthTestPools.config;
import static poolkit.health.HealthTestPools.patiently;
import static poolkit.health.HealthTestPools.poolThreads;
import static poolkit.health.HealthTestPools.uniqueName;

@DisplayName("Task 5: the health check validates idle connections and evicts the dead, the old and the surplus")
class HealthCheckTest {

    private static H2TcpServer server;

    private final TrackingConnectionFactory factory = new TrackingConnectionFactory(TestDatabases.h2());
    private final ExecutorService executor = Executors.newCachedThreadPool();

    @BeforeAll
    static void startServer() {
        server = H2TcpServer.start();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @AfterEach
    void stopWorkers() {
        executor.shutdownNow();
    }

    @Test
    @DisplayName("runHealthCheck() validates every idle connection and evicts the dead ones")
    void evictsDeadIdleConnections() throws Exception {
        // minConnections 0, so that no refill (whenever a design runs it) changes what this test counts
        try (HealthCheckedPool pool = new HealthCheckedPool(config(uniqueName("sweep")).maxConnections(3).build(),
                factory::connect)) {
            List<Connection> borrowed = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                borrowed.add(pool.getConnection());
            }
            for (Connection connection : borrowed) {
                connection.close();
            }
            factory.physicalConnections().get(0).close();
            factory.physicalConnections().get(2).close();

            pool.runHealthCheck();

            HealthEvents events = pool.events();
            assertThat(events.validations()).as("validations by one health check of 3 idle connections (events: "
                    + events + ")").isEqualTo(3);
            assertThat(events.failures()).as("validations that found a connection dead (2 were closed behind the "
                    + "pool's back; events: " + events + ")").isEqualTo(2);
            assertThat(events.evictions()).as("connections evicted (events: " + events + ")").isEqualTo(2);
            assertThat(events.checks()).as("health checks completed (events: " + events + ")").isEqualTo(1);
            assertThat(pool.stats().total()).as("connections the pool owns after evicting 2 of 3 (stats: "
                    + pool.stats() + ")").isEqualTo(1);
            try (Connection survivor = pool.getConnection()) {
                assertThat(Sql.selectOne(survivor)).as("SELECT 1 on the connection that passed the check").isEqualTo(1);
            }
        }
    }

    @Test
    @DisplayName("runHealthCheck() never touches a connection that is lent out")
    void leavesLentConnectionsAlone() throws Exception {
        ObservedConnections observed = new ObservedConnections(factory);
        try (HealthCheckedPool pool = new HealthCheckedPool(config(uniqueName("lent")).maxConnections(3).build(),
                observed::connect)) {
            Connection lent = pool.getConnection();       // physical connection 0
            Connection second = pool.getConnection();     // 1
            Connection third = pool.getConnection();      // 2
            second.close();
            third.close();
            int callsBefore = observed.callsOn(0);

            pool.runHealthCheck();

            assertThat(observed.callsOn(0)).as("JDBC calls the health check made on the connection a borrower "
                    + "holds (it may be in the middle of a transaction: only idle connections may be checked)")
                    .isEqualTo(callsBefore);
            assertThat(pool.events().validations()).as("validations by one health check with 2 idle connections "
                    + "and 1 lent (events: " + pool.events() + ")").isEqualTo(2);
            assertThat(Sql.selectOne(lent)).as("SELECT 1 on the lent connection after the health check").isEqualTo(1);
            lent.close();
        }
    }

    @Test
    @DisplayName("the background checker evicts connections broken by a database restart, with nobody borrowing")
    void backgroundEvictsAfterRestart() throws Exception {
        TrackingConnectionFactory remote = new TrackingConnectionFactory(server.database(uniqueName("restart")));
        try (HealthCheckedPool pool = new HealthCheckedPool(config(uniqueName("restart")).minConnections(2)
                .healthCheckInterval(Duration.ofMillis(50)).build(), remote::connect)) {
            List<Connection> originals = remote.physicalConnections();
            pool.runHealthCheck(); // a check by hand first: it must work before the background can run it
            server.stop();
            server.startAgain();

            patiently("the health checker to evict the 2 connections the restart broke", pool, 5).untilAsserted(() -> {
                assertThat(pool.events().evictions()).as("connections evicted by the background health checker "
                        + "after the database restarted under the pool's 2 idle connections (" + pool + ")")
                        .isGreaterThanOrEqualTo(2);
                for (Connection original : originals) {
                    assertThat(original.isClosed()).as("a connection broken by the restart is closed").isTrue();
                }
            });
        } finally {
            server.startAgain();
        }
    }

    @Test
    @DisplayName("connections idle past idleTimeout are closed in the background, down to minConnections")
    void idleTimeoutInBackground() throws Exception {
        try (HealthCheckedPool pool = new HealthCheckedPool(config(uniqueName("idle")).minConnections(1)
                .maxConnections(4).idleTimeout(Duration.ofMillis(300)).healthCheckInterval(Duration.ofMillis(50))
                .build(), factory::connect)) {
            pool.runHealthCheck(); // a check by hand first: it must work before the background can run it
            List<Connection> burst = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                burst.add(pool.getConnection());
            }
            for (Connection connection : burst) {
                connection.close();
            }

            patiently("the health checker to close the burst's extras, idle past idleTimeout", pool, 5).untilAsserted(() -> assertThat(factory.open())
                    .as("physical connections open once the burst's extras sat idle past idleTimeout, with nobody "
                            + "borrowing (minConnections is 1; " + pool + ")")
                    .isEqualTo(1));
            assertThat(pool.stats().total()).as("connections the pool owns").isEqualTo(1);
            assertThat(pool.events().evictions()).as("evictions (events: " + pool.events() + ")").isEqualTo(3);
        }
    }

    @Test
    @DisplayName("connections past maxLifetime are closed in the background, with nobody borrowing")
    void maxLifetimeInBackground() throws Exception {
        try (HealthCheckedPool pool = new HealthCheckedPool(config(uniqueName("lifetime")).minConnections(2)
                .maxLifetime(Duration.ofMillis(300)).healthCheckInterval(Duration.ofMillis(50)).build(),
                factory::connect)) {
            List<Connection> originals = factory.physicalConnections();
            pool.runHealthCheck(); // a check by hand first: it must work before the background can run it

            patiently("the health checker to close both connections past maxLifetime", pool, 5).untilAsserted(() -> {
                for (Connection original : originals) {
                    assertThat(original.isClosed()).as("a connection past maxLifetime (300 ms) in a pool nobody "
                            + "borrows from is closed by the health checker (" + pool + ")").isTrue();
                }
            });
            assertThat(pool.events().evictions()).as("evictions (events: " + pool.events() + ")")
                    .isGreaterThanOrEqualTo(2);
        }
    }

    @Test
    @DisplayName("while a validation hangs, borrowers are served and stats() answers")
    void validationDoesNotBlockThePool() throws Exception {
        ObservedConnections observed = new ObservedConnections(factory);
        try (HealthCheckedPool pool = new HealthCheckedPool(config(uniqueName("hang")).minConnections(1)
                .maxConnections(2).build(), observed::connect)) {
            observed.holdValidations();
            Future<Void> check = executor.submit(() -> {
                pool.runHealthCheck();
                return null;
            });
            try {
                patiently("the health check to start validating", pool, 5, check)
                    .until(() -> observed.validationsHeld() == 1);

                Future<?> stats = executor.submit(pool::stats);
                Future<Integer> borrower = executor.submit(() -> {
                    try (Connection connection = pool.getConnection()) {
                        return Sql.selectOne(connection);
                    }
                });
                assertThat(answerWithin(stats, "stats()")).isNotNull();
                assertThat(answerWithin(borrower, "getConnection()")).as("SELECT 1 on a connection borrowed while a "
                        + "validation hangs").isEqualTo(1);
            } finally {
                observed.releaseValidations();
            }
            Concurrently.result(check);
        }
    }

    @Test
    @DisplayName("a connection being validated is out of the pool: a borrower meanwhile gets another one")
    void connectionBeingValidatedIsNotLent() throws Exception {
        ObservedConnections observed = new ObservedConnections(factory);
        try (HealthCheckedPool pool = new HealthCheckedPool(config(uniqueName("checking")).minConnections(1)
                .maxConnections(2).build(), observed::connect)) {
            observed.holdValidations();
            Future<Void> check = executor.submit(() -> {
                pool.runHealthCheck();
                return null;
            });
            try {
                patiently("the health check to start validating the only idle connection", pool, 5, check)
                        .until(() -> observed.validationsHeld() == 1);
                int callsWhileValidating = observed.callsOn(0);

                Future<Integer> borrower = executor.submit(() -> {
                    try (Connection connection = pool.getConnection()) {
                        return Sql.selectOne(connection);
                    }
                });
                assertThat(answerWithin(borrower, "getConnection()")).as("SELECT 1 on a connection borrowed while "
                        + "the only idle one is being validated").isEqualTo(1);
                assertThat(observed.callsOn(0)).as("JDBC calls on the connection being validated, made while a "
                        + "borrower used the connection it got: a connection under validation must be out of the "
                        + "idle set, or a borrower gets it and its queries interleave with the validation")
                        .isEqualTo(callsWhileValidating);
                assertThat(factory.opened()).as("physical connections opened: the one being validated, and a new one "
                        + "for the borrower").isEqualTo(2);
            } finally {
                observed.releaseValidations();
            }
            Concurrently.result(check);
        }
    }

    @Test
    @DisplayName("close() while a validation hangs: once it returns, the thread ends and no connection is left open")
    void closeDuringValidation() throws Exception {
        String name = uniqueName("closing");
        ObservedConnections observed = new ObservedConnections(factory);
        HealthCheckedPool pool = new HealthCheckedPool(config(name).minConnections(1)
                .healthCheckInterval(Duration.ofMillis(50)).build(), observed::connect);
        pool.runHealthCheck(); // a check by hand first: it must work before the background can run it
        observed.holdValidations();
        Future<Void> closing;
        try {
            patiently("the health check to start validating", pool, 5)
                    .until(() -> observed.validationsHeld() == 1);
            closing = executor.submit(() -> {
                pool.close();
                return null;
            });
        } finally {
            observed.releaseValidations();
        }
        Concurrently.result(closing);
        patiently("the pool's threads to end and every connection to close after close()", pool, 5).untilAsserted(() -> {
            assertThat(poolThreads(name)).as("threads of the pool after close()").isEmpty();
            assertThat(factory.open()).as("physical connections open after close(), including the one that was "
                    + "being validated when the pool closed").isZero();
        });
    }

    private static <T> T answerWithin(Future<T> future, String what) throws Exception {
        try {
            return future.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            return fail(what + " did not answer within " + PATIENCE.toSeconds() + " s while a validation was hanging: "
                    + "is the pool's lock held while validating? Validate with the lock released.");
        }
    }
}
