package poolkit.separation;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import poolkit.basic.PoolStats;
import poolkit.testsupport.Concurrently;
import poolkit.testsupport.Stall;
import poolkit.testsupport.TestDatabase;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
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
import static org.awaitility.Awaitility.await;
import static poolkit.separation.TradingFixtures.PATIENT;
import static poolkit.separation.TradingFixtures.assertPoolTimedOut;
import static poolkit.separation.TradingFixtures.decimal;
import static poolkit.separation.TradingFixtures.pool;
import static poolkit.separation.TradingFixtures.thrownBy;

/**
 * The point of separate pools: a workload that fills its own pool waits or fails on its own, and the others carry on.
 * The tests fill a pool by holding its connections themselves, so the pool is full for certain, not probably.
 */
@DisplayName("The bulkheads hold: a full pool stops only its own workload (Tasks 1 to 5)")
class BulkheadTest {

    /** How long a call that should not wait may take before the test calls it stuck; never reached when it works. */
    private static final long AT_ONCE_SECONDS = 20;
    private static final Duration SHORT = Duration.ofMillis(200);
    /**
     * How far past its timeout a borrow may return on a loaded machine: far more than scheduling ever adds, and less
     * than a second wait on the risk pool (2 s) would.
     */
    private static final long OVERSHOOT_MILLIS = 1500;
    /** How long a borrow on a pool with a 100 ms timeout may take to fail, on the most loaded machine. */
    private static final long GIVE_UP_SECONDS = 5;
    /** The timeout of a pool borrowers queue on: they are let through by the test long before it, even on a busy machine. */
    private static final Duration QUEUE = Duration.ofSeconds(40);

    /**
     * How long queued callers may all stay waiting, with every connection of their pool lent and none of them
     * finishing, before the test calls them stuck: a healthy call holds a connection for a few milliseconds of SQL
     * (at most one more waits for its row lock), so this is a wide margin for a loaded machine.
     */
    private static final Duration LEFT_HANGING = Duration.ofSeconds(5);

    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final List<Connection> held = new ArrayList<>();
    private TestDatabase database;

    @BeforeEach
    void createDatabase() throws SQLException {
        database = TradingFixtures.h2();
    }

    @AfterEach
    void release() throws SQLException {
        giveBackHeld();
        executor.shutdownNow();
    }

    @Test
    @DisplayName("Task 2: with the lesson's sizes, each pool lends its own maximum and then times out after its own timeout")
    void eachPoolHasItsOwnSizeAndTimeout() throws Exception {
        TradingPoolsConfig lesson = TradingFixtures.lesson();
        try (TradingPools pools = new TradingPools(lesson, database::connect)) {
            // Fill the pools one after the other and keep them full: a full pool must not stop the next one lending.
            for (Workload workload : Workload.values()) {
                int max = lesson.forWorkload(workload).maxConnections();
                long timeoutMillis = lesson.forWorkload(workload).connectionTimeout().toMillis();
                for (int i = 0; i < max; i++) {
                    try {
                        held.add(pools.connection(workload));
                    } catch (SQLException e) {
                        fail("the " + workload.label() + " pool could lend only " + i + " of its maxConnections=" + max
                                + " (other pools are full: " + pools.stats() + ")", e);
                    }
                }
                long start = System.nanoTime();
                Throwable thrown = thrownBy(() -> pools.connection(workload).close());
                long waitedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

                assertPoolTimedOut(thrown, workload, "borrowing connection " + (max + 1) + " from the "
                        + workload.label() + " pool (maxConnections " + max + ")");
                assertThat(thrown).as("the %s pool's timeout should be its own, %d ms", workload.label(), timeoutMillis)
                        .hasStackTraceContaining("timed out after " + timeoutMillis + " ms");
                assertThat(waitedMillis).as("ms the %s pool waited before giving up (its timeout is %d ms)",
                        workload.label(), timeoutMillis).isGreaterThanOrEqualTo(timeoutMillis * 9 / 10);
                assertThat(waitedMillis).as("ms connection(%s) took to give up, its pool's timeout being %d ms: the "
                                + "timeout is an upper bound too, so do not wait again (retry, or try another pool) "
                                + "after the pool gave up", workload, timeoutMillis)
                        .isLessThan(timeoutMillis + OVERSHOOT_MILLIS);
            }
        }
    }

    @Test
    @DisplayName("Task 5: with the trades pool full and trades waiting, a risk check and a price read are served at once")
    void riskCheckWhileTradesAreStuck() throws Exception {
        TradingPoolsConfig config = new TradingPoolsConfig(pool(0, 2, QUEUE), pool(0, 2, PATIENT), pool(0, 2, PATIENT));
        try (TradingPools pools = new TradingPools(config, database::connect)) {
            TradingRepository repository = new TradingRepository(pools);
            hold(pools, Workload.TRADES, 2);
            List<Future<Long>> waitingTrades = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                waitingTrades.add(executor.submit(
                        () -> repository.recordTrade("BTC/USD", Side.BUY, decimal("42000"), decimal("1"))));
            }
            awaitWaiting(pools, Workload.TRADES, "trades", waitingTrades);

            boolean withinLimit = servedAtOnce(pools, "a risk check (BTC/USD + 1)",
                    executor.submit(() -> repository.isWithinPositionLimit("BTC/USD", decimal("1"))));
            assertThat(withinLimit).as("BTC/USD: 2.5 held + 1 is within 10").isTrue();
            BigDecimal price = servedAtOnce(pools, "a price read (BTC/USD)",
                    executor.submit(() -> repository.latestPrice("BTC/USD").orElseThrow()));
            assertThat(price).as("latest BTC/USD price").isEqualByComparingTo("42150.5");

            giveBackHeld();
            for (Long id : Concurrently.results(waitingTrades, stall(pools, Workload.TRADES, "trades"))) {
                assertThat(id).as("id of a trade that waited for the trades pool").isPositive();
            }
            assertThat(TradingFixtures.position(database, "BTC/USD"))
                    .as("BTC/USD position after the 3 waiting buys of 1 went through").isEqualByComparingTo("5.5");
        }
    }

    @Test
    @DisplayName("Task 4: market data readers queued on their full pool take nothing from the risk pool")
    void queuedReadersLeaveRiskAlone() throws Exception {
        TradingPoolsConfig config = new TradingPoolsConfig(
                pool(0, 2, PATIENT), pool(0, 2, QUEUE), pool(0, 2, Duration.ofSeconds(2)));
        try (TradingPools pools = new TradingPools(config, database::connect)) {
            TradingRepository repository = new TradingRepository(pools);
            hold(pools, Workload.MARKET_DATA, 2);
            List<Future<BigDecimal>> readers = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                readers.add(executor.submit(() -> repository.latestPrice("ETH/USD").orElseThrow()));
            }
            awaitWaiting(pools, Workload.MARKET_DATA, "price readers", readers);

            PoolStats risk = pools.stats().get(Workload.RISK);
            assertThat(risk.active() + risk.waiting())
                    .as("risk connections lent or waited for while only market data readers are busy: %s", risk)
                    .isZero();
            List<Connection> riskConnections = new ArrayList<>();
            try {
                for (int i = 0; i < 2; i++) {
                    riskConnections.add(pools.connection(Workload.RISK));
                }
            } catch (SQLException e) {
                fail("the risk pool could lend only " + riskConnections.size() + " of its 2 connections while market "
                        + "data readers queued: they must wait on their own pool. stats: " + pools.stats(), e);
            } finally {
                for (Connection connection : riskConnections) {
                    connection.close();
                }
            }
            assertThat(repository.isWithinPositionLimit("ETH/USD", decimal("60")))
                    .as("ETH/USD: 40 held + 60 = 100, the limit").isTrue();

            giveBackHeld();
            for (BigDecimal price : Concurrently.results(readers, stall(pools, Workload.MARKET_DATA, "price readers"))) {
                assertThat(price).as("the price a queued reader got at last").isEqualByComparingTo("2510.25");
            }
        }
    }

    @Test
    @DisplayName("Task 4: a market data burst on a full pool fails fast on its own timeout and leaves risk untouched")
    void burstFailsOnItsOwnPool() throws Exception {
        TradingPoolsConfig config = new TradingPoolsConfig(
                pool(0, 2, PATIENT), pool(0, 2, Duration.ofMillis(100)), pool(1, 2, PATIENT));
        try (TradingPools pools = new TradingPools(config, database::connect)) {
            TradingRepository repository = new TradingRepository(pools);
            hold(pools, Workload.MARKET_DATA, 2);

            // One read first, bounded: a pool made with another workload's 20 s timeout fails here, in seconds.
            Future<Throwable> firstRead = executor.submit(() -> thrownBy(() -> repository.latestPrice("BTC/USD")));
            Throwable first;
            try {
                first = firstRead.get(GIVE_UP_SECONDS, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                throw new AssertionError("a price read on the full market data pool (its timeout: 100 ms) was still "
                        + "waiting after " + GIVE_UP_SECONDS + " s: does the market data pool have its own "
                        + "configuration (config.forWorkload(MARKET_DATA))? stats: " + pools.stats(), e);
            }
            assertPoolTimedOut(first, Workload.MARKET_DATA, "a price read while the market data pool was full");
            List<Throwable> burst = Concurrently.run(8, 24, task -> thrownBy(() -> repository.latestPrice("BTC/USD")));

            for (Throwable thrown : burst) {
                assertPoolTimedOut(thrown, Workload.MARKET_DATA, "a price read while the market data pool was full");
            }
            assertThat(pools.stats().get(Workload.RISK))
                    .as("the risk pool after the burst: its one connection idle, nothing else opened or lent")
                    .isEqualTo(new PoolStats(1, 0, 1, 0));
            assertThat(repository.isWithinPositionLimit("BTC/USD", decimal("1")))
                    .as("a risk check after the burst").isTrue();
        }
    }

    @Test
    @DisplayName("Task 3: recordTrade borrows from the trades pool")
    void recordTradeUsesTradesPool() throws Exception {
        assertRunsOn(Workload.TRADES, repository -> repository.recordTrade("SOL/USD", Side.BUY, decimal("150"), decimal("1")));
    }

    @Test
    @DisplayName("Task 4: latestPrice borrows from the market data pool")
    void latestPriceUsesMarketDataPool() throws Exception {
        assertRunsOn(Workload.MARKET_DATA, repository -> repository.latestPrice("BTC/USD"));
    }

    @Test
    @DisplayName("Task 4: recentTrades borrows from the market data pool")
    void recentTradesUsesMarketDataPool() throws Exception {
        assertRunsOn(Workload.MARKET_DATA, repository -> repository.recentTrades("ETH/USD", 2));
    }

    @Test
    @DisplayName("Task 5: isWithinPositionLimit borrows from the risk pool")
    void positionCheckUsesRiskPool() throws Exception {
        assertRunsOn(Workload.RISK, repository -> repository.isWithinPositionLimit("BTC/USD", decimal("1")));
    }

    /**
     * The operation must fail on {@code workload}'s pool when only that pool is full, and succeed when every other
     * pool is full.
     */
    private void assertRunsOn(Workload workload, RepositoryCall operation) throws Exception {
        TradingPoolsConfig config = new TradingPoolsConfig(pool(0, 1, SHORT), pool(0, 1, SHORT), pool(0, 1, SHORT));
        try (TradingPools pools = new TradingPools(config, database::connect)) {
            TradingRepository repository = new TradingRepository(pools);

            hold(pools, workload, 1);
            assertPoolTimedOut(thrownBy(() -> operation.call(repository)), workload,
                    "the operation while only the " + workload.label() + " pool was full");
            giveBackHeld();

            for (Workload other : Workload.values()) {
                if (other != workload) {
                    hold(pools, other, 1);
                }
            }
            Throwable thrown = thrownBy(() -> operation.call(repository));
            if (thrown != null) {
                fail("the operation failed while only the other pools were full; it should use the "
                        + workload.label() + " pool alone. stats: " + pools.stats(), thrown);
            }
        }
    }

    private void hold(TradingPools pools, Workload workload, int count) throws SQLException {
        for (int i = 0; i < count; i++) {
            held.add(pools.connection(workload));
        }
    }

    private void giveBackHeld() throws SQLException {
        for (Connection connection : held) {
            connection.close();
        }
        held.clear();
    }

    /**
     * Waits until all of {@code callers} (the repository calls the test started on a pool it keeps full) wait for
     * {@code workload}'s pool. Fails at once when one of them ends instead (with what it threw: a skeleton's "not
     * implemented yet", or the error of a call that took another pool's connection), and otherwise with the stats.
     */
    private static void awaitWaiting(TradingPools pools, Workload workload, String who, List<? extends Future<?>> callers) {
        await(callers.size() + " " + who + " to wait for the full " + workload.label() + " pool")
                .atMost(PATIENT).pollInterval(Duration.ofMillis(10))
                .failFast("one of the " + who + " ended while the " + workload.label() + " pool was full: it should "
                        + "wait for a connection of that pool", () -> {
                    for (Future<?> caller : callers) {
                        if (caller.isDone()) {
                            Object result = Concurrently.result(caller); // throws what the call threw
                            throw new AssertionError("it returned " + result + " (stats: " + pools.stats() + ")");
                        }
                    }
                })
                .untilAsserted(() -> assertThat(pools.stats().get(workload).waiting())
                        .as("%s waiting for the full %s pool (stats: %s)", who, workload.label(), pools.stats())
                        .isEqualTo(callers.size()));
    }

    /**
     * A watch that ends the wait for the queued callers, once the test gave their pool's connections back, as soon as
     * they are stuck: some wait while a connection of their pool is idle, or while a slot is neither lent nor idle
     * (both the pool's to fix), or while every connection is lent, with nobody finishing (the repository keeps the
     * connections it borrowed: close each one, try-with-resources) for {@link #LEFT_HANGING}, instead of waiting
     * out their 40 s timeout.
     */
    private static Stall<PoolStats> stall(TradingPools pools, Workload workload, String who) {
        return Stall.when(() -> pools.stats().get(workload), s -> s.waiting() > 0,
                who + " still wait for the " + workload.label() + " pool after the test gave back every connection "
                        + "it held, and none of them finishes: each call must close the connection it borrowed "
                        + "(try-with-resources), so the next caller gets it", LEFT_HANGING);
    }

    private static <T> T servedAtOnce(TradingPools pools, String what, Future<T> call) throws Exception {
        try {
            return call.get(AT_ONCE_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError(what + " was not served within " + AT_ONCE_SECONDS + " s while only the trades "
                    + "pool was full: it waits behind the trades, so the bulkhead leaks. stats: " + pools.stats(), e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new AssertionError(what + " failed while only the trades pool was full: " + e.getCause(), e.getCause());
        }
    }

    @FunctionalInterface
    private interface RepositoryCall {
        void call(TradingRepository repository) throws Exception;
    }
}
