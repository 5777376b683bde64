package poolkit.basic;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import poolkit.testsupport.TestDatabases;
import poolkit.testsupport.TrackingConnectionFactory;
import poolkit.testsupport.Sql;

import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Retirement is checked while the pool is in use (every poll borrows and gives back one connection), so a pool that
 * retires connections when they are borrowed or given back passes, and so does one with a background thread.
 */
@DisplayName("Task 5: old and idle connections are retired")
class RetirementTest {

    private final TrackingConnectionFactory factory = new TrackingConnectionFactory(TestDatabases.h2());

    @Test
    @DisplayName("a connection past maxLifetime is closed and never lent again")
    void maxLifetime() throws Exception {
        Duration lifetime = Duration.ofMillis(300);
        try (ConnectionPool pool = new ConnectionPool(
                TestPools.config().minConnections(1).maxConnections(1).maxLifetime(lifetime).build(), factory::connect)) {
            Connection first = factory.physicalConnections().get(0);
            long openedAt = System.nanoTime();
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> System.nanoTime() - openedAt > 2 * lifetime.toNanos());

            try (Connection borrowed = pool.getConnection()) {
                assertThat(factory.opened())
                        .as("physical connections opened when borrowing from a pool whose only connection is twice "
                                + "past maxLifetime (it must be replaced, not lent)")
                        .isEqualTo(2);
                assertThat(Sql.selectOne(borrowed)).isEqualTo(1);
            }
            assertThat(first.isClosed()).as("the connection past maxLifetime is closed").isTrue();
        }
    }

    @Test
    @DisplayName("connections idle past idleTimeout are closed, down to minConnections and no further")
    void idleTimeoutShrinksToMin() throws Exception {
        try (ConnectionPool pool = new ConnectionPool(TestPools.config().minConnections(2).maxConnections(8)
                .idleTimeout(Duration.ofMillis(300)).build(), factory::connect)) {
            List<Connection> burst = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                burst.add(pool.getConnection());
            }
            for (Connection connection : burst) {
                connection.close();
            }
            assertThat(pool.stats().total()).as("connections after a burst of 6 borrowers").isEqualTo(6);

            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
                try (Connection connection = pool.getConnection()) {
                    Sql.selectOne(connection);
                }
                assertThat(pool.stats().total()).as("connections once the burst's extras sat idle past idleTimeout "
                        + "(minConnections is 2)").isEqualTo(2);
            });
            assertThat(factory.closed()).as("physical connections closed for being idle").isEqualTo(4);
            assertThat(factory.open()).as("physical connections still open").isEqualTo(2);
        }
    }
}
