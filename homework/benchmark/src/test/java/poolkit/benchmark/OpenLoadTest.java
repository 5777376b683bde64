package poolkit.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Task 3: the open model: requests sent on schedule, latency measured from each intended start")
class OpenLoadTest {

    private static final Duration GENEROUS = Duration.ofSeconds(20);
    private static final long MS = 1_000_000;

    @Test
    @DisplayName("requests go out on schedule (25/s), not when earlier ones end: 20 are in flight at once, none early")
    void sendsOnSchedule() throws Exception {
        H2Trades trades = H2Trades.create();
        GatedDataSource gated = new GatedDataSource(trades.source(), 20, GENEROUS);
        LoadModel model = LoadModel.fixedRate(25); // 40 ms apart: slower than starting a thread on a busy machine

        long calledAt = System.nanoTime();
        RunResult result = new LoadRunner(20).runOpen(gated, Workload.INSERT, 20, model, ProgressListener.NONE);

        assertThat(result.succeeded()).as("successful requests of 20; each waits until all 20 have asked for a "
                + "connection, so a runner that sends the next request only when one ends fails them (first error: "
                + "%s)", result.firstError()).isEqualTo(20);
        assertNeverEarly(gated.askedAt(), calledAt, model, 20);
        assertThat(result.elapsedNanos()).as("elapsed time of the run, ns: at least until the last request's "
                + "intended start, %d ms", model.intendedStartNanos(19, 20) / MS)
                .isGreaterThanOrEqualTo(model.intendedStartNanos(19, 20));
        assertThat(result.latencies().getTotalCount()).as("latencies recorded, one per successful request")
                .isEqualTo(20);
    }

    @Test
    @DisplayName("a stall shows: 200 ms with the only connection held, 200 req/s on 2 workers: p90 >= 100 ms")
    void stallShowsInThePercentiles() throws Exception {
        H2Trades trades = H2Trades.create();
        DataSource oneConnection = Strategy.parse("reference:1:1").start(trades.source());
        AtomicBoolean stalled = new AtomicBoolean();
        Workload firstHoldsOn = (connection, index) -> {
            if (stalled.compareAndSet(false, true)) {
                SimulatedWork.takes(Duration.ofMillis(200)); // the first borrower holds the only connection 200 ms
            }
            Workload.SELECT.execute(connection, index);
        };
        RunResult result;
        try {
            result = new LoadRunner(2).runOpen(oneConnection, firstHoldsOn, 60, LoadModel.fixedRate(200),
                    ProgressListener.NONE);
        } finally {
            Strategy.stop(oneConnection);
        }

        assertThat(result.succeeded()).as("successful requests (first error: %s)", result.firstError()).isEqualTo(60);
        // Requests 0..19 were meant to start in the first 100 ms, and none could end before the stall did, 200 ms
        // after the start: each one's latency from its intended start is over 100 ms. That is a third of the 60.
        // Measured from when a worker got to them, requests 2..19 would look instant: they queued for a worker
        // during the stall and then found the connection free.
        assertThat(LatencySummary.millis(result.latency().p90())).as("p90 latency, ms, of 60 requests of which 20 "
                + "were meant to start during the stall (measure from the intended start: intendedStartNanos, not "
                + "from when a worker began the request); p50 %.2f ms, max %.2f ms",
                LatencySummary.millis(result.latency().p50()), LatencySummary.millis(result.latency().max()))
                .isGreaterThanOrEqualTo(100);
    }

    @Test
    @DisplayName("a ramp from 20 to 100 req/s: each request goes out at its own intended start, never before")
    void followsARamp() throws Exception {
        H2Trades trades = H2Trades.create();
        GatedDataSource recorded = new GatedDataSource(trades.source(), 1, GENEROUS);
        LoadModel ramp = LoadModel.ramp(20, 100); // 40 requests in 667 ms, the first two 44 ms apart, the last two 10

        long calledAt = System.nanoTime();
        RunResult result = new LoadRunner(8).runOpen(recorded, Workload.SELECT, 40, ramp, ProgressListener.NONE);

        assertThat(result.succeeded()).as("successful requests (first error: %s)", result.firstError()).isEqualTo(40);
        assertNeverEarly(recorded.askedAt(), calledAt, ramp, 40);
    }

    @Test
    @DisplayName("failures are counted, not thrown: timeouts apart from errors, and only successes are recorded")
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

        RunResult result = new LoadRunner(6).runOpen(flaky, Workload.INSERT, 90, LoadModel.fixedRate(2000),
                ProgressListener.NONE);

        assertThat(result.requests()).as("requests").isEqualTo(90);
        assertThat(result.timeouts()).as("requests that got SQLTransientConnectionException").isEqualTo(30);
        assertThat(result.errors()).as("requests that failed otherwise (timeouts are counted apart)").isEqualTo(30);
        assertThat(result.succeeded()).as("requests that got a connection").isEqualTo(30);
        assertThat(result.latencies().getTotalCount()).as("latencies recorded: the 30 successful requests' only")
                .isEqualTo(30);
        assertThat(result.firstError()).as("what the first failure said").isNotNull().contains("(test)");
        assertThat(trades.tradeCount()).as("rows: 100 prepared + 30 inserted").isEqualTo(130);
    }

    @Test
    @DisplayName("progress: each of the 50 requests is reported once as it ends, up to done == total")
    void reportsProgress() throws Exception {
        H2Trades trades = H2Trades.create();
        Queue<int[]> calls = new ConcurrentLinkedQueue<>();

        new LoadRunner(5).runOpen(trades.source(), Workload.SELECT, 50, LoadModel.fixedRate(1000),
                (done, total) -> calls.add(new int[] {done, total}));

        assertThat(calls).as("progress calls for 50 requests").hasSize(50);
        assertThat(calls.stream().mapToInt(call -> call[1]).distinct().toArray()).as("the total in every call")
                .containsExactly(50);
        assertThat(calls.stream().mapToInt(call -> call[0]).sorted().toArray()).as("the done counts reported")
                .isEqualTo(IntStream.rangeClosed(1, 50).toArray());
    }

    @Test
    @DisplayName("the closed model has no schedule: runOpen refuses it with an IllegalArgumentException")
    void refusesTheClosedModel() throws Exception {
        H2Trades trades = H2Trades.create();

        assertThatThrownBy(() -> new LoadRunner(2).runOpen(trades.source(), Workload.SELECT, 10, LoadModel.CLOSED,
                ProgressListener.NONE)).as("runOpen with LoadModel.CLOSED").isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("the workers are shut down: the threads that ran the requests end once runOpen() has returned")
    void workersEndAfterTheRun() throws Exception {
        H2Trades trades = H2Trades.create();
        WatchedDataSource watched = new WatchedDataSource(trades.source());

        RunResult result = new LoadRunner(4).runOpen(watched, Workload.SELECT, 20, LoadModel.fixedRate(1000),
                ProgressListener.NONE);

        assertThat(result.succeeded()).as("successful requests of 20 (first error: %s)", result.firstError())
                .isEqualTo(20);
        watched.assertBorrowersEnd("runOpen() on 4 workers");
    }

    /** The k-th borrower to ask cannot have asked before request k's intended start: only requests 0..k-1 may. */
    private static void assertNeverEarly(List<Long> askedAt, long calledAt, LoadModel model, int requests) {
        assertThat(askedAt).as("borrowers that asked for a connection").hasSize(requests);
        for (int k = 0; k < requests; k++) {
            long intended = model.intendedStartNanos(k, requests);
            assertThat(askedAt.get(k) - calledAt).as("when the %d. request asked for a connection, ns after runOpen "
                    + "was called: not before its intended start (%s: %.1f ms); a request sent early hides the "
                    + "schedule", k + 1, model, intended / 1e6).isGreaterThanOrEqualTo(intended);
        }
    }
}
