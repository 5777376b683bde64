package poolkit.monitoring;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Statistic;
import io.micrometer.core.instrument.search.RequiredSearch;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import poolkit.testsupport.TestDatabase;
import poolkit.testsupport.TestDatabases;
import poolkit.testsupport.TrackingConnectionFactory;
import poolkit.testsupport.Sql;

import java.lang.ref.WeakReference;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

/**
 * The binder is checked through Micrometer's own registry, by meter name, type and the {@code pool} tag only, so a
 * gauge may be a Gauge or a TimeGauge, a timer a Timer or a FunctionTimer, a counter a Counter or a FunctionCounter.
 */
@DisplayName("Task 5: the metrics in Micrometer, under HikariCP's names")
class MicrometerBinderTest {

    private final MeterRegistry registry = new SimpleMeterRegistry();
    private final ExecutorService executor = Executors.newCachedThreadPool();

    @AfterEach
    void stopWorkers() {
        executor.shutdownNow();
        registry.close();
    }

    @Test
    @DisplayName("gauges poolkit.connections, .active, .idle, .pending, .max, .min show the pool's state now")
    void gauges() throws Exception {
        try (MonitoredPool pool = pool("orders", TestDatabases.h2(), 2, 3)) {
            new PoolMetricsBinder(pool).bindTo(registry);
            assertGauges("orders", "a new pool with minConnections=2, maxConnections=3", 2, 0, 2, 0, 3, 2);

            List<Connection> lent = new ArrayList<>();
            try {
                for (int i = 0; i < 3; i++) {
                    lent.add(pool.getConnection());
                }
                assertGauges("orders", "all 3 connections lent", 3, 3, 0, 0, 3, 2);

                Future<Integer> waiter = executor.submit(() -> {
                    try (Connection connection = pool.getConnection()) {
                        return Sql.selectOne(connection);
                    }
                });
                await("a borrower waiting in getConnection()").atMost(Duration.ofSeconds(20))
                        .untilAsserted(() -> assertThat(value("poolkit.connections.pending", "orders", Statistic.VALUE))
                                .as("gauge poolkit.connections.pending while one borrower waits").isEqualTo(1.0));
                lent.remove(0).close();
                assertThat(waiter.get(20, TimeUnit.SECONDS)).isEqualTo(1);
            } finally {
                for (Connection connection : lent) {
                    connection.close();
                }
            }
            assertGauges("orders", "all connections given back", 3, 0, 3, 0, 3, 2);
        }
    }

    @Test
    @DisplayName("timer poolkit.connections.acquire counts every acquisition attempt and their total wait")
    void acquireTimer() throws Exception {
        try (MonitoredPool pool = new MonitoredPool("orders", TestPools.config().maxConnections(1)
                .connectionTimeout(Duration.ofMillis(200)).build(), TestDatabases.h2()::connect)) {
            new PoolMetricsBinder(pool).bindTo(registry);
            try (Connection held = pool.getConnection()) {
                assertThatThrownBy(pool::getConnection).isInstanceOf(SQLTransientConnectionException.class);
            }
            for (int i = 0; i < 3; i++) {
                try (Connection connection = pool.getConnection()) {
                    Sql.selectOne(connection);
                }
            }
            MetricsSnapshot snapshot = pool.metrics().snapshot();
            assertType("poolkit.connections.acquire", "orders", Meter.Type.TIMER);
            assertThat(value("poolkit.connections.acquire", "orders", Statistic.COUNT))
                    .as("count of timer poolkit.connections.acquire after 4 acquisitions and 1 timeout (HikariCP times "
                            + "both)").isEqualTo(5.0);
            assertThat(value("poolkit.connections.acquire", "orders", Statistic.TOTAL_TIME))
                    .as("total time of poolkit.connections.acquire, in the registry's base unit (seconds), against the "
                            + "snapshot's total wait of %d ns", snapshot.totalWaitNanos())
                    .isCloseTo(snapshot.totalWaitNanos() / 1e9, within(1e-6));
            assertThat(value("poolkit.connections.timeout", "orders", Statistic.COUNT))
                    .as("counter poolkit.connections.timeout").isEqualTo(1.0);
            assertType("poolkit.connections.timeout", "orders", Meter.Type.COUNTER);
        }
    }

    @Test
    @DisplayName("timers .usage and .creation, counters .creation.failed, .closed and poolkit.queries")
    void otherTimersAndCounters() throws Exception {
        TestDatabase database = TestDatabases.h2();
        TrackingConnectionFactory factory = new TrackingConnectionFactory(database);
        MonitoredPool pool = new MonitoredPool("orders", TestPools.config().maxConnections(2).build(), factory::connect);
        new PoolMetricsBinder(pool).bindTo(registry);
        try (pool) {
            factory.failNextConnects(1);
            assertThatThrownBy(pool::getConnection).isInstanceOf(SQLException.class);
            try (Connection first = pool.getConnection(); Connection second = pool.getConnection()) {
                Sql.selectOne(first);
                Sql.selectOne(second);
                Sql.selectOne(second);
            }
            assertType("poolkit.connections.usage", "orders", Meter.Type.TIMER);
            assertType("poolkit.connections.creation", "orders", Meter.Type.TIMER);
            assertThat(value("poolkit.connections.usage", "orders", Statistic.COUNT))
                    .as("count of timer poolkit.connections.usage (connections given back)").isEqualTo(2.0);
            assertThat(value("poolkit.connections.usage", "orders", Statistic.TOTAL_TIME))
                    .as("total time of poolkit.connections.usage (seconds held)").isPositive();
            assertThat(value("poolkit.connections.creation", "orders", Statistic.COUNT))
                    .as("count of timer poolkit.connections.creation (connections opened)").isEqualTo(2.0);
            assertThat(value("poolkit.connections.creation.failed", "orders", Statistic.COUNT))
                    .as("counter poolkit.connections.creation.failed").isEqualTo(1.0);
            assertThat(value("poolkit.queries", "orders", Statistic.COUNT))
                    .as("counter poolkit.queries after 3 SELECT 1").isEqualTo(3.0);
            assertThat(value("poolkit.connections.closed", "orders", Statistic.COUNT))
                    .as("counter poolkit.connections.closed while the pool is open").isZero();
        }
        assertThat(value("poolkit.connections.closed", "orders", Statistic.COUNT))
                .as("counter poolkit.connections.closed after the pool closed its 2 connections").isEqualTo(2.0);
    }

    @Test
    @DisplayName("two pools in one registry are told apart by their pool tag")
    void twoPoolsOneRegistry() throws Exception {
        TestDatabase database = TestDatabases.h2();
        try (MonitoredPool trades = pool("trades", database, 1, 5);
             MonitoredPool risk = pool("risk", database, 2, 7)) {
            new PoolMetricsBinder(trades).bindTo(registry);
            new PoolMetricsBinder(risk).bindTo(registry);
            try (Connection connection = trades.getConnection()) {
                Sql.selectOne(connection);
            }
            assertThat(value("poolkit.connections.max", "trades", Statistic.VALUE)).as("max of pool=trades")
                    .isEqualTo(5.0);
            assertThat(value("poolkit.connections.max", "risk", Statistic.VALUE)).as("max of pool=risk")
                    .isEqualTo(7.0);
            assertThat(value("poolkit.connections.acquire", "trades", Statistic.COUNT))
                    .as("acquisitions of pool=trades").isEqualTo(1.0);
            assertThat(value("poolkit.connections.acquire", "risk", Statistic.COUNT))
                    .as("acquisitions of pool=risk (nobody borrowed from it)").isZero();
            assertThat(value("poolkit.queries", "risk", Statistic.COUNT)).as("queries of pool=risk").isZero();
        }
    }

    @Test
    @DisplayName("the meters still follow the pool after a garbage collection, though nobody keeps the binder")
    void metersOutliveAGarbageCollection() throws Exception {
        try (MonitoredPool pool = pool("orders", TestDatabases.h2(), 1, 3)) {
            new PoolMetricsBinder(pool).bindTo(registry); // as an application does: the binder is not kept
            collectGarbage();
            String weak = " after a garbage collection. Micrometer holds the object a Gauge, FunctionCounter or "
                    + "FunctionTimer reads only weakly: once it is collected, a gauge shows NaN and a function meter "
                    + "stops moving. Register each meter on the pool, which the application keeps, not on the binder, "
                    + "a snapshot or another object only the meter refers to (README, Task 5)";
            try (Connection connection = pool.getConnection()) {
                Sql.selectOne(connection);
                assertThat(value("poolkit.connections.active", "orders", Statistic.VALUE))
                        .as("gauge poolkit.connections.active with 1 connection lent" + weak).isEqualTo(1.0);
                assertThat(value("poolkit.connections.max", "orders", Statistic.VALUE))
                        .as("gauge poolkit.connections.max of a pool with maxConnections=3" + weak).isEqualTo(3.0);
            }
            assertThat(value("poolkit.connections.acquire", "orders", Statistic.COUNT))
                    .as("count of timer poolkit.connections.acquire after 1 acquisition" + weak).isEqualTo(1.0);
            assertThat(value("poolkit.connections.usage", "orders", Statistic.COUNT))
                    .as("count of timer poolkit.connections.usage after 1 release" + weak).isEqualTo(1.0);
            assertThat(value("poolkit.queries", "orders", Statistic.COUNT))
                    .as("counter poolkit.queries after 1 SELECT 1" + weak).isEqualTo(1.0);
        }
    }

    /** Returns once the JVM has run a collection that clears weak references (System.gc() alone is only a hint). */
    private static void collectGarbage() {
        WeakReference<Object> canary = new WeakReference<>(new Object());
        await("a garbage collection that clears weak references").atMost(Duration.ofSeconds(30))
                .until(() -> {
                    System.gc();
                    return canary.get() == null;
                });
    }

    @Test
    @Tag("postgres")
    @DisplayName("on PostgreSQL: the meters follow a real pool")
    void onPostgres() throws Exception {
        try (MonitoredPool pool = pool("ledger", TestDatabases.postgres(), 1, 4)) {
            new PoolMetricsBinder(pool).bindTo(registry);
            try (Connection first = pool.getConnection(); Connection second = pool.getConnection()) {
                Sql.selectOne(first);
                Sql.selectOne(second);
                assertGauges("ledger", "2 of 4 connections lent on PostgreSQL", 2, 2, 0, 0, 4, 1);
            }
            assertThat(value("poolkit.connections.acquire", "ledger", Statistic.COUNT)).as("acquisitions")
                    .isEqualTo(2.0);
            assertThat(value("poolkit.queries", "ledger", Statistic.COUNT)).as("queries").isEqualTo(2.0);
            assertThat(value("poolkit.connections.creation", "ledger", Statistic.COUNT)).as("connections created")
                    .isEqualTo(2.0);
        }
    }

    private static MonitoredPool pool(String name, TestDatabase database, int min, int max) throws SQLException {
        return new MonitoredPool(name, TestPools.config().minConnections(min).maxConnections(max).build(),
                database::connect);
    }

    private void assertGauges(String pool, String situation, int total, int active, int idle, int pending, int max,
                              int min) {
        String[][] expected = {
                {"poolkit.connections", String.valueOf(total)},
                {"poolkit.connections.active", String.valueOf(active)},
                {"poolkit.connections.idle", String.valueOf(idle)},
                {"poolkit.connections.pending", String.valueOf(pending)},
                {"poolkit.connections.max", String.valueOf(max)},
                {"poolkit.connections.min", String.valueOf(min)},
        };
        for (String[] gauge : expected) {
            assertType(gauge[0], pool, Meter.Type.GAUGE);
            assertThat(value(gauge[0], pool, Statistic.VALUE)).as("gauge %s{pool=%s} with %s", gauge[0], pool, situation)
                    .isEqualTo(Double.parseDouble(gauge[1]));
        }
    }

    private Meter meter(String name, String pool) {
        RequiredSearch search = registry.get(name).tag("pool", pool);
        try {
            return search.meter();
        } catch (RuntimeException e) {
            return fail("no meter named %s with tag pool=%s in the registry (bindTo must register it); registered: %s",
                    name, pool, registry.getMeters().stream()
                            .map(meter -> meter.getId().getName() + meter.getId().getTags()).sorted().toList());
        }
    }

    private void assertType(String name, String pool, Meter.Type type) {
        assertThat(meter(name, pool).getId().getType()).as("the kind of meter %s is", name).isEqualTo(type);
    }

    private double value(String name, String pool, Statistic statistic) {
        for (var measurement : meter(name, pool).measure()) {
            if (measurement.getStatistic() == statistic) {
                return measurement.getValue();
            }
        }
        return fail("meter %s{pool=%s} has no %s measurement: is it the right kind of meter?", name, pool, statistic);
    }
}
