package poolkit.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import poolkit.testsupport.TestDatabases;

@DisplayName("Task 2: the closed model: the runner counts, times and records every request, in parallel")
class LoadRunnerTest {

    private static final Duration GENEROUS = Duration.ofSeconds(20);

    @Test
    @DisplayName("every request runs once and is counted: 300 inserts through a pool, 300 rows, 300 successes")
    void countsEverySuccessfulRequest() throws Exception {
        H2Trades trades = H2Trades.create();
        long rowsBefore = trades.tradeCount();
        DataSource pool = Strategy.parse("reference:2:4").start(trades.source());
        RunResult result;
        try {
            result = new LoadRunner(16).run(pool, Workload.INSERT, 300, ProgressListener.NONE);
        } finally {
            Strategy.stop(pool);
        }

        assertThat(result.requests()).as("requests in the result").isEqualTo(300);
        assertThat(result.succeeded()).as("successful requests (first error: %s)", result.firstError()).isEqualTo(300);
        assertThat(result.errors()).as("errors").isZero();
        assertThat(result.timeouts()).as("timeouts").isZero();
        assertThat(result.firstError()).as("first error when nothing failed").isNull();
        assertThat(trades.tradeCount() - rowsBefore).as("rows the 300 inserts added to trades").isEqualTo(300);
        assertThat(result.elapsedNanos()).as("elapsed time of the run, ns").isPositive();
        assertThat(result.latencies().getTotalCount()).as("latencies recorded in the histogram: one per successful "
                + "request").isEqualTo(300);
        LatencySummary latency = result.latency();
        assertThat(latency.p50()).as("p50 latency, ns").isPositive();
        assertThat(latency.p50()).as("p50 <= p90").isLessThanOrEqualTo(latency.p90());
        assertThat(latency.p90()).as("p90 <= p99").isLessThanOrEqualTo(latency.p99());
        assertThat(latency.p99()).as("p99 <= p99.9").isLessThanOrEqualTo(latency.p999());
        assertThat(latency.p999()).as("p99.9 <= max").isLessThanOrEqualTo(latency.max());
        assertThat(result.latencies().getMaxValueAsDouble() / 1.001)
                .as("the slowest request cannot take longer than the whole run (to the histogram's 0.1 %%), ns")
                .isLessThanOrEqualTo((double) result.elapsedNanos());
    }

    @Test
    @DisplayName("requests run in parallel: with 8 threads, 8 are in flight at once, never more")
    void runsInParallelOnItsThreads() throws Exception {
        H2Trades trades = H2Trades.create();
        GatedDataSource gated = new GatedDataSource(trades.source(), 8, GENEROUS);

        RunResult result = new LoadRunner(8).run(gated, Workload.INSERT, 40, ProgressListener.NONE);

        assertThat(result.succeeded()).as("successful requests of 40; the first 8 each wait until all 8 run at once, "
                + "so a runner that does not run 8 in parallel fails them (first error: %s)", result.firstError())
                .isEqualTo(40);
        assertThat(gated.mostInFlight()).as("most requests holding a connection at once with 8 threads")
                .isEqualTo(8);
    }

    @Test
    @DisplayName("failures are counted, not thrown: timeouts (SQLTransientConnectionException) apart from other errors")
    void countsErrorsAndTimeouts() throws Exception {
        H2Trades trades = H2Trades.create();
        AtomicInteger calls = new AtomicInteger();
        DataSource flaky = new ForwardingDataSource(trades.source()) {
            @Override
            public Connection getConnection() throws SQLException {
                int call = calls.getAndIncrement();
                if (call % 3 == 0) {
                    throw new SQLTransientConnectionException("timed out waiting for a connection (test)");
                }
                if (call % 3 == 1) {
                    throw new SQLException("connection refused (test)");
                }
                return super.getConnection();
            }
        };

        RunResult result = new LoadRunner(6).run(flaky, Workload.INSERT, 90, ProgressListener.NONE);

        assertThat(result.requests()).as("requests").isEqualTo(90);
        assertThat(result.timeouts()).as("requests that got SQLTransientConnectionException").isEqualTo(30);
        assertThat(result.errors()).as("requests that failed otherwise (timeouts are counted apart)").isEqualTo(30);
        assertThat(result.succeeded()).as("requests that got a connection").isEqualTo(30);
        assertThat(result.latencies().getTotalCount()).as("latencies recorded: those of the 30 successful requests "
                + "only (a failure's time is not a latency of the service)").isEqualTo(30);
        assertThat(result.firstError()).as("what the first failure said").isNotNull().contains("(test)");
        assertThat(trades.tradeCount()).as("rows: 100 prepared + 30 inserted").isEqualTo(130);
    }

    @Test
    @DisplayName("a failing statement is an error too; with no success, the latency is LatencySummary.NONE")
    void failingStatementIsAnError() throws Exception {
        ConnectionSource noTradesTable = H2TradesWithoutTable.source();

        RunResult result = new LoadRunner(4).run(noTradesTable, Workload.SELECT, 20, ProgressListener.NONE);

        assertThat(result.errors()).as("requests whose SELECT failed (there is no trades table)").isEqualTo(20);
        assertThat(result.succeeded()).as("successful requests").isZero();
        assertThat(result.latencies().getTotalCount()).as("latencies recorded in a run without a single success")
                .isZero();
        assertThat(result.latency()).as("latency of a run without a single success").isEqualTo(LatencySummary.NONE);
        assertThat(result.firstError()).as("the first error").isNotBlank();
    }

    @Test
    @DisplayName("progress: each of the 50 requests is reported once as it ends, up to done == total")
    void reportsProgress() throws Exception {
        H2Trades trades = H2Trades.create();
        Queue<int[]> calls = new ConcurrentLinkedQueue<>();

        new LoadRunner(5).run(trades.source(), Workload.SELECT, 50, (done, total) -> calls.add(new int[] {done, total}));

        assertThat(calls).as("progress calls for 50 requests").hasSize(50);
        assertThat(calls.stream().mapToInt(call -> call[1]).distinct().toArray()).as("the total in every call")
                .containsExactly(50);
        assertThat(calls.stream().mapToInt(call -> call[0]).sorted().toArray()).as("the done counts reported")
                .isEqualTo(java.util.stream.IntStream.rangeClosed(1, 50).toArray());
    }

    @Test
    @DisplayName("a latency ends when the connection is back: a close that takes 20 ms is in it")
    void latencyIncludesGivingTheConnectionBack() throws Exception {
        H2Trades trades = H2Trades.create();
        SlowCloseDataSource slowClose = new SlowCloseDataSource(trades.source(), Duration.ofMillis(20));

        RunResult result = new LoadRunner(1).run(slowClose, Workload.INSERT, 1, ProgressListener.NONE);

        assertThat(result.succeeded()).as("successful requests (first error: %s)", result.firstError()).isEqualTo(1);
        long fromAskingToReturned = slowClose.closeReturnedAt - slowClose.askedAt;
        assertThat(result.latency().max()).as("the request's latency, ns: it asked for a connection, inserted and "
                + "gave the connection back, which took %d ns from asking to the end of close() (record the latency "
                + "after the try-with-resources has closed the connection, not inside it)", fromAskingToReturned)
                .isGreaterThanOrEqualTo(fromAskingToReturned);
    }

    @Test
    @DisplayName("the clock starts at the start signal: elapsed covers every request, from the first borrow to the last return")
    void elapsedCoversEveryRequest() throws Exception {
        H2Trades trades = H2Trades.create();
        DataSource pool = Strategy.parse("reference:1:1").start(trades.source());
        WatchedDataSource watched = new WatchedDataSource(pool);
        Workload nothing = (connection, index) -> { };
        RunResult result;
        long calledAt = System.nanoTime();
        try {
            result = new LoadRunner(1).run(watched, nothing, 20_000, ProgressListener.NONE);
        } finally {
            Strategy.stop(pool);
        }
        long returnedAt = System.nanoTime();

        assertThat(result.succeeded()).as("successful requests of 20,000 (first error: %s)", result.firstError())
                .isEqualTo(20_000);
        assertThat(result.elapsedNanos()).as("elapsed time of the run, ns: from the start signal to the end of the "
                + "last request, so at least from the first request asking for a connection to the last one giving "
                + "it back (%d ns). Hold every request behind the start signal, and start the clock when you release "
                + "them: on 1 worker, a request not held back runs while the rest are still being handed over, "
                + "before the clock starts", watched.borrowingSpan()).isGreaterThanOrEqualTo(watched.borrowingSpan());
        assertThat(result.elapsedNanos()).as("elapsed time of the run, ns: at most the %d ns the call to run() took "
                + "(the end's System.nanoTime() minus the start's)", returnedAt - calledAt)
                .isLessThanOrEqualTo(returnedAt - calledAt);
    }

    @Test
    @DisplayName("the workers are shut down: the threads that ran the requests end once run() has returned")
    void workersEndAfterTheRun() throws Exception {
        H2Trades trades = H2Trades.create();
        WatchedDataSource watched = new WatchedDataSource(trades.source());

        RunResult result = new LoadRunner(4).run(watched, Workload.SELECT, 20, ProgressListener.NONE);

        assertThat(result.succeeded()).as("successful requests of 20 (first error: %s)", result.firstError())
                .isEqualTo(20);
        watched.assertBorrowersEnd("run() on 4 workers");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"none", "reference:1:10", "reference:5:50", "hikari:1:10", "hikari:5:50",
            "poolkit.benchmark.OneConnectionPoolFactory:1:1"})
    @DisplayName("each strategy runs a tiny load through the benchmark: every request succeeds, connections are counted")
    void eachStrategyOnATinyLoad(String spec) throws Exception {
        H2Trades trades = H2Trades.create();
        Strategy strategy = Strategy.parse(spec);
        Benchmark.Plan plan = new Benchmark.Plan(List.of(strategy), List.of(30), 2, 8, 0, Workload.INSERT);

        List<Measurement> measurements = new Benchmark(plan, trades.source(), line -> { }).run();

        assertThat(measurements).as("one measurement per run (1 strategy x 1 load x 2 repeats)").hasSize(2);
        for (Measurement measurement : measurements) {
            RunResult result = measurement.result();
            assertThat(result.succeeded()).as("%s, repeat %d: successful requests of 30 (first error: %s)", spec,
                    measurement.repeat(), result.firstError()).isEqualTo(30);
            if (spec.equals("none")) {
                assertThat(measurement.connectionsOpened()).as("connections opened without a pool, 30 requests")
                        .isEqualTo(30);
            } else {
                assertThat(measurement.connectionsOpened()).as("connections opened by %s for 30 requests", spec)
                        .isBetween(1L, (long) strategy.maxConnections());
            }
        }
        assertThat(trades.tradeCount()).as("rows: 100 prepared + 2 x 30 inserted").isEqualTo(160);
    }

    /** Connections whose close() takes a while, as a driver's can (a rollback, a flush); records when. */
    static final class SlowCloseDataSource extends ForwardingDataSource {
        private final Duration closeTakes;
        volatile long askedAt;
        volatile long closeReturnedAt;

        SlowCloseDataSource(DataSource target, Duration closeTakes) {
            super(target);
            this.closeTakes = closeTakes;
        }

        @Override
        public Connection getConnection() throws SQLException {
            askedAt = System.nanoTime();
            return afterClose(super.getConnection(), () -> {
                SimulatedWork.takes(closeTakes);
                closeReturnedAt = System.nanoTime();
            });
        }
    }

    /** An H2 database without the trades table. */
    private static final class H2TradesWithoutTable {
        static ConnectionSource source() {
            var database = TestDatabases.h2();
            return new ConnectionSource(database.jdbcUrl(), database.user(), database.password());
        }
    }
}
