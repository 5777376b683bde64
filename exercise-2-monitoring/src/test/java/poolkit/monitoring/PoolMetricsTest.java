package poolkit.monitoring;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import poolkit.testsupport.Concurrently;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("Task 1: the metrics recorder")
class PoolMetricsTest {

    @Test
    @DisplayName("a new recorder's snapshot is all zeros, with no division by zero in the averages")
    void startsEmpty() {
        MetricsSnapshot snapshot = new PoolMetrics().snapshot();
        assertThat(snapshot).as("snapshot of a recorder nothing was recorded in").isEqualTo(MetricsSnapshot.EMPTY);
        assertThat(snapshot.timeoutRate()).as("timeout rate before any acquisition").isZero();
        assertThat(snapshot.averageWait()).as("average wait before any acquisition").isEqualTo(Duration.ZERO);
    }

    @Test
    @DisplayName("each event moves its own counter and duration total, and nothing else")
    void eachEventHasItsOwnCounter() {
        PoolMetrics metrics = new PoolMetrics();
        metrics.acquired(1_000);
        metrics.acquired(3_000);
        metrics.timedOut(20_000);
        metrics.released(500);
        metrics.created(7_000);
        metrics.created(9_000);
        metrics.created(11_000);
        metrics.closed();
        metrics.connectFailed();
        metrics.queryExecuted();
        metrics.queryExecuted();
        metrics.queryExecuted();
        metrics.queryExecuted();

        assertThat(metrics.snapshot()).as("snapshot after 2 acquisitions (1 + 3 µs), 1 timeout (20 µs), 1 release "
                        + "(held 0.5 µs), 3 connections created (7 + 9 + 11 µs), 1 closed, 1 failed connect, 4 queries")
                .isEqualTo(new MetricsSnapshot(2, 1, 1, 1, 3, 1, 4, 24_000, 500, 27_000));
        assertThat(metrics.snapshot().averageWait()).as("average wait over the 3 attempts, timeout included")
                .isEqualTo(Duration.ofNanos(8_000));
    }

    @Test
    @DisplayName("a negative duration is refused with a message naming it: it can only come from a bug")
    void rejectsNegativeDurations() {
        PoolMetrics metrics = new PoolMetrics();
        assertThatThrownBy(() -> metrics.acquired(-5)).as("acquired(-5)")
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-5");
        assertThatThrownBy(() -> metrics.timedOut(-6)).as("timedOut(-6)")
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-6");
        assertThatThrownBy(() -> metrics.released(-7)).as("released(-7)")
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-7");
        assertThatThrownBy(() -> metrics.created(-8)).as("created(-8)")
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-8");
        assertThat(metrics.snapshot()).as("snapshot after refused calls: nothing may have been counted")
                .isEqualTo(MetricsSnapshot.EMPTY);
    }

    @Test
    @DisplayName("a duration of zero is a measurement, not a bug: a connection lent at once can measure 0 ns")
    void acceptsZeroDurations() {
        PoolMetrics metrics = new PoolMetrics();
        try {
            metrics.acquired(0);
            metrics.timedOut(0);
            metrics.released(0);
            metrics.created(0);
        } catch (IllegalArgumentException e) {
            throw new AssertionError("recording a duration of 0 ns was refused (" + e.getMessage() + "): two "
                    + "System.nanoTime() readings can be equal (a connection lent without waiting, a coarse clock), "
                    + "so only a negative duration is a bug", e);
        }
        assertThat(metrics.snapshot()).as("snapshot after acquired(0), timedOut(0), released(0) and created(0)")
                .isEqualTo(new MetricsSnapshot(1, 1, 1, 0, 1, 0, 0, 0, 0, 0));
    }

    @Test
    @DisplayName("no count is lost when 50 threads record 200 events each at the same time")
    void exactUnderConcurrency() throws Exception {
        PoolMetrics metrics = new PoolMetrics();
        int threads = 50;
        int perThread = 200;
        Concurrently.run(threads, threads, task -> {
            for (int i = 0; i < perThread; i++) {
                metrics.acquired(1_000);
                metrics.queryExecuted();
                metrics.released(10);
                metrics.created(100);
                metrics.closed();
            }
            return null;
        });
        long events = (long) threads * perThread;
        MetricsSnapshot snapshot = metrics.snapshot();
        assertThat(snapshot.acquired()).as("acquisitions recorded by %d threads x %d", threads, perThread)
                .isEqualTo(events);
        assertThat(snapshot.released()).as("releases recorded").isEqualTo(events);
        assertThat(snapshot.queries()).as("queries recorded").isEqualTo(events);
        assertThat(snapshot.created()).as("connections created recorded").isEqualTo(events);
        assertThat(snapshot.closed()).as("connections closed recorded").isEqualTo(events);
        assertThat(snapshot.totalWaitNanos()).as("total wait of %d acquisitions of 1000 ns each", events)
                .isEqualTo(events * 1_000);
        assertThat(snapshot.totalHeldNanos()).as("total held time").isEqualTo(events * 10);
        assertThat(snapshot.totalConnectNanos()).as("total connect time").isEqualTo(events * 100);
    }

    @Test
    @DisplayName("a snapshot taken while threads record is consistent: released <= acquired, closed <= created")
    void snapshotIsConsistentWhileThreadsRecord() throws Exception {
        PoolMetrics metrics = new PoolMetrics();
        Watch watch = watchWhileThreadsRecord(metrics, () -> {
            metrics.created(1);
            metrics.acquired(1);
            metrics.released(1);
            metrics.closed();
        }, snapshot -> null);
        assertThat(watch.firstInconsistent())
                .as("the first inconsistent snapshot among %d taken while %d threads created, acquired, released "
                        + "and closed (%d cycles in all)", watch.snapshots(), watch.writers(), watch.cycles())
                .isNull();
        MetricsSnapshot end = metrics.snapshot();
        assertThat(end.acquired()).as("acquired after the writers finished %d cycles", watch.cycles())
                .isEqualTo(watch.cycles());
        assertThat(end.released()).as("released after the writers finished %d cycles", watch.cycles())
                .isEqualTo(watch.cycles());
    }

    @Test
    @DisplayName("a snapshot taken while threads record counts no event without its duration: no average comes out too low")
    void snapshotCountsNoEventWithoutItsDuration() throws Exception {
        PoolMetrics metrics = new PoolMetrics();
        long wait = 1_000;
        long held = 300;
        long connect = 5_000;
        // Every event of a kind lasts the same, so a snapshot's total of a kind can never be below count x duration.
        Watch watch = watchWhileThreadsRecord(metrics, () -> {
            metrics.created(connect);
            metrics.acquired(wait);
            metrics.timedOut(wait);
            metrics.released(held);
            metrics.closed();
        }, snapshot -> {
            String missing = null;
            if (snapshot.totalWaitNanos() < wait * snapshot.acquisitionAttempts()) {
                missing = "counts " + snapshot.acquisitionAttempts() + " acquisition attempts of " + wait
                        + " ns each but only " + snapshot.totalWaitNanos() + " ns of wait (average wait "
                        + snapshot.averageWait().toNanos() + " ns)";
            } else if (snapshot.totalHeldNanos() < held * snapshot.released()) {
                missing = "counts " + snapshot.released() + " releases of " + held + " ns each but only "
                        + snapshot.totalHeldNanos() + " ns held";
            } else if (snapshot.totalConnectNanos() < connect * snapshot.created()) {
                missing = "counts " + snapshot.created() + " connections created in " + connect
                        + " ns each but only " + snapshot.totalConnectNanos() + " ns of connecting";
            }
            return missing == null ? null : missing + ": it counted events whose duration it did not see, so it "
                    + "reports an average below the shortest event. Record each duration before its count, and in "
                    + "snapshot() read the counts before the durations (README, Task 1, hint 2): " + snapshot;
        });
        assertThat(watch.firstInconsistent())
                .as("the first snapshot, among %d taken while %d threads recorded events of fixed durations (%d cycles "
                        + "in all), whose totals miss the duration of an event it counts", watch.snapshots(),
                        watch.writers(), watch.cycles())
                .isNull();
        MetricsSnapshot end = metrics.snapshot();
        assertThat(end.totalWaitNanos()).as("total wait after %d cycles of 1 acquisition and 1 timeout of %d ns",
                watch.cycles(), wait).isEqualTo(2 * wait * watch.cycles());
    }

    /** What {@link #watchWhileThreadsRecord} saw. */
    private record Watch(String firstInconsistent, long snapshots, int writers, long cycles) {
    }

    /**
     * Has more threads than cores record {@code cycle} over and over while one thread takes a million snapshots and
     * checks each (the checks of {@link SnapshotWatcher}, and {@code alsoCheck}); stops the writers when it is done.
     */
    private static Watch watchWhileThreadsRecord(PoolMetrics metrics, Runnable cycle,
                                                 Function<MetricsSnapshot, String> alsoCheck) throws Exception {
        // More writers than cores: the watcher is paused often, and a pause between two of its reads is when a
        // careless snapshot() sees the effects of events it did not see, or the counts of durations it did not see.
        int writers = 2 * Runtime.getRuntime().availableProcessors() + 1;
        SnapshotWatcher watcher = new SnapshotWatcher(metrics::snapshot, 1_000_000, alsoCheck);
        ExecutorService executor = Executors.newFixedThreadPool(writers + 1);
        try {
            List<Future<Long>> cycles = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                cycles.add(executor.submit(() -> {
                    long done = 0;
                    while (!watcher.isStopped()) { // each cycle completes, so the counts end equal
                        cycle.run();
                        done++;
                    }
                    return done;
                }));
            }
            Future<String> inconsistency = executor.submit(watcher);
            String firstInconsistent;
            try {
                firstInconsistent = Concurrently.result(inconsistency);
            } finally {
                watcher.stop();
            }
            long total = Concurrently.results(cycles).stream().mapToLong(Long::longValue).sum();
            return new Watch(firstInconsistent, watcher.snapshotsTaken(), writers, total);
        } finally {
            executor.shutdownNow();
        }
    }
}
