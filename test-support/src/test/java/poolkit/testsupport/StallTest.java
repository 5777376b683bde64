package poolkit.testsupport;

import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A Stall is polled: the waiting thread calls {@link Stall#check()} every few milliseconds. These tests poll it the
 * same way with Awaitility, on the test's own thread (a watch is read by one thread): a stuck run must be reported
 * (the wait ends on the report, within a generous limit), and a run that moves must stay unreported for several quiet
 * times (Awaitility's {@code during}: the check passes at every poll of the window).
 */
class StallTest {

    private static final Duration QUIET = Duration.ofMillis(200);
    private static final Duration POLL = Duration.ofMillis(5);

    @Test
    void aStuckStateThatStaysTheSameFailsWithTheLessonAndTheState() {
        Stall<String> stall = Stall.when(() -> "waiting=1 idle=1", s -> true, "a lost wake-up", QUIET);
        try {
            assertThat(reportedStuck(stall, "a state that stays stuck is reported"))
                    .hasMessageContaining("waiting=1 idle=1").hasMessageContaining("a lost wake-up");
        } finally {
            stall.stop();
        }
    }

    @Test
    void aStateThatChangesOrIsNotStuckOrCannotBeReadNeverFails() {
        AtomicInteger counter = new AtomicInteger();
        Stall<Integer> changing = Stall.when(counter::incrementAndGet, s -> true, "changing", QUIET);
        Stall<String> healthy = Stall.when(() -> "idle=1 waiting=0", s -> false, "healthy", QUIET);
        Stall<String> unreadable = Stall.when(() -> {
            throw new UnsupportedOperationException("not implemented yet");
        }, s -> true, "skeleton", QUIET);
        try {
            staysUnreported(changing, "a state that changes at every reading", () -> { });
            staysUnreported(healthy, "a state that is not stuck", () -> { });
            staysUnreported(unreadable, "a state that cannot be read (a skeleton)", () -> { });
            staysUnreported(Stall.never(), "Stall.never()", () -> { });
        } finally {
            changing.stop();
            healthy.stop();
            unreadable.stop();
        }
    }

    @Test
    void progressStartsTheQuietTimeAgain() {
        Stall<String> stall = Stall.when(() -> "same", s -> true, "progress", QUIET);
        try {
            staysUnreported(stall, "a stuck-looking state while a task finishes between every two checks",
                    stall::progressed);
        } finally {
            stall.stop();
        }
    }

    @Test
    void otherWorkThatMovesStartsTheQuietTimeAgainAndTheFailureSaysItStopped() {
        AtomicInteger work = new AtomicInteger();
        Stall<String> stall = Stall.when(() -> "waiting=1 idle=0 total=1", s -> true, "a leaked slot", QUIET)
                .movingWith("call to the database", work::get);
        try {
            // the code under test keeps talking to the database between every two checks: slow, not stuck
            staysUnreported(stall, "a stuck-looking state while the database work moves", work::incrementAndGet);
            assertThat(reportedStuck(stall, "the same state once the database work stopped"))
                    .hasMessageContaining("waiting=1 idle=0 total=1").hasMessageContaining("no call to the database")
                    .hasMessageContaining("a leaked slot");
        } finally {
            stall.stop();
        }
    }

    @Test
    void aStateWhoseReadingBlocksIsStuck() {
        CountDownLatch never = new CountDownLatch(1);
        Stall<String> stall = Stall.when(() -> {
            try {
                never.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return "unreachable";
        }, s -> true, "a deadlock", QUIET);
        try {
            assertThat(reportedStuck(stall, "a state whose reading never returns is reported"))
                    .hasMessageContaining("has not returned").hasMessageContaining("a deadlock");
        } finally {
            stall.stop();
        }
    }

    /** Polls the watch, as Concurrently does while it waits, until it reports the run stuck; returns the report. */
    private static AssertionError reportedStuck(Stall<?> stall, String what) {
        AtomicReference<AssertionError> report = new AtomicReference<>();
        polling(what).atMost(Duration.ofSeconds(10)).until(() -> {
            try {
                stall.check();
                return false;
            } catch (AssertionError stuck) {
                report.set(stuck);
                return true;
            }
        });
        return report.get();
    }

    /**
     * Polls the watch for three quiet times, doing {@code between} after every check; a report of a stuck run ends
     * the test at once with the watch's message (Awaitility passes on what a condition throws).
     */
    private static void staysUnreported(Stall<?> stall, String what, Runnable between) {
        polling(what + " is never reported stuck").during(QUIET.multipliedBy(3))
                .atMost(QUIET.multipliedBy(3).plusSeconds(10)).until(() -> {
                    stall.check();
                    between.run();
                    return true;
                });
    }

    private static ConditionFactory polling(String what) {
        return await(what).pollInSameThread().pollDelay(Duration.ZERO).pollInterval(POLL);
    }
}
