package poolkit.health;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import poolkit.testsupport.H2TcpServer;
import poolkit.testsupport.TestDatabases;
import poolkit.testsupport.TrackingConnectionFactory;
import poolkit.testsupport.Sql;

import java.sql.Connection;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static poolkit.health.HealthTestPools.PATIENCE;
import static poolkit.health.HealthTestPools.config;
import static poolkit.health.HealthTestPools.uniqueName;

@DisplayName("Task 4: a connection idle for long is validated before it is lent")
class BorrowValidationTest {

    private static H2TcpServer server;

    @BeforeAll
    static void startServer() {
        server = H2TcpServer.start();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @Test
    @DisplayName("after the database restarted, borrowers get working connections, never the dead ones")
    void deadConnectionsAreNotLent() throws Exception {
        TrackingConnectionFactory factory = new TrackingConnectionFactory(server.database(uniqueName("borrow")));
        try (HealthCheckedPool pool = new HealthCheckedPool(config(uniqueName("borrow")).minConnections(2)
                .maxConnections(2).validateOnBorrowAfter(Duration.ZERO).build(), factory::connect)) {
            server.stop();
            server.startAgain(); // both pooled connections are broken now, and the database is back

            try (Connection first = pool.getConnection(); Connection second = pool.getConnection()) {
                assertThat(Sql.selectOne(first)).as("SELECT 1 on the first connection borrowed after the restart")
                        .isEqualTo(1);
                assertThat(Sql.selectOne(second)).as("SELECT 1 on the second connection borrowed after the restart")
                        .isEqualTo(1);
            }
            HealthEvents events = pool.events();
            assertThat(events.failures()).as("validations that found a connection dead (the 2 broken by the "
                    + "restart; events: " + events + ")").isEqualTo(2);
            assertThat(events.evictions()).as("connections evicted (the 2 broken by the restart; events: "
                    + events + ")").isEqualTo(2);
            assertThat(factory.opened()).as("physical connections opened: 2 at start, 2 to replace the dead")
                    .isEqualTo(4);
        } finally {
            server.startAgain();
        }
    }

    @Test
    @DisplayName("with validateOnBorrowAfter zero, every borrow of an idle connection is validated")
    void validateEveryBorrow() throws Exception {
        TrackingConnectionFactory factory = new TrackingConnectionFactory(TestDatabases.h2());
        try (HealthCheckedPool pool = new HealthCheckedPool(config(uniqueName("always")).minConnections(1)
                .validateOnBorrowAfter(Duration.ZERO).build(), factory::connect)) {
            for (int i = 0; i < 3; i++) {
                try (Connection connection = pool.getConnection()) {
                    Sql.selectOne(connection);
                }
            }
            assertThat(pool.events().validations()).as("validations after 3 borrows of the one idle connection "
                    + "with validateOnBorrowAfter = 0 (events: " + pool.events() + ")").isEqualTo(3);
        }
    }

    @Test
    @DisplayName("a connection used a moment ago is lent without a validation round trip")
    void recentlyUsedIsNotValidated() throws Exception {
        TrackingConnectionFactory factory = new TrackingConnectionFactory(TestDatabases.h2());
        try (HealthCheckedPool pool = new HealthCheckedPool(config(uniqueName("recent")).minConnections(1)
                .validateOnBorrowAfter(Duration.ofMinutes(10)).build(), factory::connect)) {
            for (int i = 0; i < 3; i++) {
                try (Connection connection = pool.getConnection()) {
                    Sql.selectOne(connection);
                }
            }
            assertThat(pool.events().validations()).as("validations after 3 borrows of a connection idle for "
                    + "less than validateOnBorrowAfter (10 min): validating every borrow costs a round trip "
                    + "each (events: " + pool.events() + ")").isZero();
        }
    }

    @Test
    @DisplayName("a connection closed while idle is never lent, even when it was used a moment ago")
    void closedConnectionIsNotLent() throws Exception {
        TrackingConnectionFactory factory = new TrackingConnectionFactory(TestDatabases.h2());
        try (HealthCheckedPool pool = new HealthCheckedPool(config(uniqueName("closed")).minConnections(1)
                .validateOnBorrowAfter(Duration.ofMinutes(10)).build(), factory::connect)) {
            factory.physicalConnections().get(0).close();
            try (Connection connection = pool.getConnection()) {
                assertThat(Sql.selectOne(connection)).as("SELECT 1 on the connection lent after the only idle one was "
                        + "closed behind the pool's back").isEqualTo(1);
            }
            assertThat(pool.events().evictions()).as("connections evicted (events: " + pool.events() + ")")
                    .isEqualTo(1);
        }
    }

    @Test
    @DisplayName("validateOnBorrowAfter counts idle time, not age: an old connection given back a moment ago is not "
            + "validated, one idle for longer is")
    void idleTimeNotAge() throws Exception {
        Duration window = Duration.ofMillis(1500);
        TrackingConnectionFactory factory = new TrackingConnectionFactory(TestDatabases.h2());
        try (HealthCheckedPool pool = new HealthCheckedPool(config(uniqueName("idle-not-age")).minConnections(1)
                .maxConnections(1).validateOnBorrowAfter(window).build(), factory::connect)) {
            long openedBy = System.nanoTime();
            Connection held = pool.getConnection();
            await("the pool's only connection to be older than validateOnBorrowAfter, while it is lent")
                    .atMost(PATIENCE).until(() -> System.nanoTime() - openedBy > window.toNanos());
            Sql.selectOne(held);
            held.close();
            try (Connection again = pool.getConnection()) {
                Sql.selectOne(again);
            }
            assertThat(pool.events().validations()).as("validations after borrowing a connection that is older than "
                    + "validateOnBorrowAfter (" + window.toMillis() + " ms) but was given back a moment ago: the "
                    + "window is idle time, since the connection was last given back, not the connection's age; a "
                    + "connection in constant use needs no round trip (events: " + pool.events() + ")").isZero();

            long givenBackBy = System.nanoTime();
            await("the connection to be idle for longer than validateOnBorrowAfter").atMost(PATIENCE)
                    .until(() -> System.nanoTime() - givenBackBy > window.toNanos());
            try (Connection afterIdling = pool.getConnection()) {
                assertThat(Sql.selectOne(afterIdling)).as("SELECT 1 on the connection lent after idling").isEqualTo(1);
            }
            assertThat(pool.events().validations()).as("validations after borrowing a connection idle for longer than "
                    + "validateOnBorrowAfter (" + window.toMillis() + " ms; events: " + pool.events() + ")")
                    .isEqualTo(1);
        }
    }
}
