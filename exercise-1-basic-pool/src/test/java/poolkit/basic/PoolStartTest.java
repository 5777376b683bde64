package poolkit.basic;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import poolkit.testsupport.TestDatabase;
import poolkit.testsupport.TestDatabases;
import poolkit.testsupport.TrackingConnectionFactory;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
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
    @DisplayName("a pool made with ConnectionFactory.fromUrl opens its connections with that URL and those credentials")
    void opensWithAUrl() throws Exception {
        TestDatabase database = TestDatabases.h2();
        database.execute("CREATE TABLE marker (n INT)", "INSERT INTO marker VALUES (42)");
        try (ConnectionPool pool = new ConnectionPool(TestPools.config().minConnections(1).build(),
                ConnectionFactory.fromUrl(database.jdbcUrl(), database.user(), database.password()))) {
            assertThat(pool.stats()).as("stats of a new pool with minConnections=1, made with fromUrl")
                    .isEqualTo(new PoolStats(1, 0, 1, 0));
        }
        try (Connection connection = ConnectionFactory.fromUrl(database.jdbcUrl(), database.user(),
                database.password()).connect(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT n FROM marker")) {
            assertThat(rows.next()).as("a row in the test's database, read through fromUrl's connection").isTrue();
            assertThat(rows.getInt(1)).as("the row's value").isEqualTo(42);
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
