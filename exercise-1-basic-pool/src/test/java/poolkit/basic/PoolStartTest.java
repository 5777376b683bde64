package poolkit.basic;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import poolkit.testsupport.TestDatabases;
import poolkit.testsupport.TrackingConnectionFactory;

import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

@DisplayName("Task 2: the pool opens minConnections at start")
class PoolStartTest {

    private final TrackingConnectionFactory factory = new TrackingConnectionFactory(TestDatabases.h2());

    @Test
    @DisplayName("minConnections are opened when the pool is created, and reported as idle")
    void opensMinConnections() throws Exception {
        try (ConnectionPool pool = new ConnectionPool(TestPools.config().minConnections(3).build(), factory::connect)) {
            assertThat(factory.opened()).as("physical connections opened by a new pool with minConnections=3")
                    .isEqualTo(3);
            assertThat(pool.stats()).as("stats of a new pool with minConnections=3")
                    .isEqualTo(new PoolStats(3, 0, 3, 0));
        }
    }

    @Test
    @DisplayName("with minConnections=0 nothing is opened until a connection is asked for")
    void lazyWhenMinIsZero() throws Exception {
        try (ConnectionPool pool = new ConnectionPool(TestPools.config().minConnections(0).build(), factory::connect)) {
            assertThat(factory.opened()).as("physical connections opened by a new pool with minConnections=0").isZero();
            assertThat(pool.stats()).isEqualTo(new PoolStats(0, 0, 0, 0));
        }
    }

    @Test
    @DisplayName("if the database refuses one of the first connections, the constructor fails and leaves none open")
    void failedStartClosesWhatItOpened() {
        AtomicInteger calls = new AtomicInteger();
        ConnectionFactory thirdConnectFails = () -> {
            if (calls.incrementAndGet() == 3) {
                throw new SQLException("database refused the third connection");
            }
            return factory.connect();
        };
        assertThat(catchThrowable(() -> new ConnectionPool(TestPools.config().minConnections(3).build(),
                thirdConnectFails)))
                .as("creating a pool whose third initial connect fails")
                .isInstanceOf(SQLException.class)
                .hasStackTraceContaining("database refused the third connection");
        assertThat(factory.opened()).as("connections opened before the failure").isEqualTo(2);
        assertThat(factory.open()).as("connections the failed constructor left open (it must close them)").isZero();
    }
}
