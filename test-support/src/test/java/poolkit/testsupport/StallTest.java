package poolkit.testsupport;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StallTest {

    private static final Duration QUIET = Duration.ofMillis(200);

    @Test
    void aStuckStateThatStaysTheSameFailsWithTheLessonAndTheState() throws Exception {
        Stall<String> stall = Stall.when(() -> "waiting=1 idle=1", s -> true, "a lost wake-up", QUIET);
        try {
            assertThatThrownBy(() -> checkFor(stall, Duration.ofSeconds(5)))
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContaining("waiting=1 idle=1").hasMessageContaining("a lost wake-up");
        } finally {
            stall.stop();
        }
    }

    @Test
    void aStateThatChangesOrIsNotStuckOrCannotBeReadNeverFails() throws Exception {
        AtomicInteger counter = new AtomicInteger();
        Stall<Integer> changing = Stall.when(counter::incrementAndGet, s -> true, "changing", QUIET);
        Stall<String> healthy = Stall.when(() -> "idle=1 waiting=0", s -> false, "healthy", QUIET);
        Stall<String> unreadable = Stall.when(() -> {
            throw new UnsupportedOperationException("not implemented yet");
        }, s -> true, "skeleton", QUIET);
        try {
            checkFor(changing, QUIET.multipliedBy(3));
            checkFor(healthy, QUIET.multipliedBy(3));
            checkFor(unreadable, QUIET.multipliedBy(3));
            checkFor(Stall.never(), QUIET.multipliedBy(3));
        } finally {
            changing.stop();
            healthy.stop();
            unreadable.stop();
        }
    }

    @Test
    void progressStartsTheQuietTimeAgain() throws Exception {
        Stall<String> stall = Stall.when(() -> "same", s -> true, "progress", QUIET);
        try {
            long end = System.nanoTime() + QUIET.multipliedBy(3).toNanos();
            while (System.nanoTime() < end) {
                stall.check();
                stall.progressed();
                Thread.sleep(5);
            }
        } finally {
            stall.stop();
        }
    }

    @Test
    void otherWorkThatMovesStartsTheQuietTimeAgainAndTheFailureSaysItStopped() throws Exception {
        AtomicInteger work = new AtomicInteger();
        Stall<String> stall = Stall.when(() -> "waiting=1 idle=0 total=1", s -> true, "a leaked slot", QUIET)
                .movingWith("call to the database", work::get);
        try {
            long end = System.nanoTime() + QUIET.multipliedBy(3).toNanos();
            while (System.nanoTime() < end) {
                stall.check();
                work.incrementAndGet(); // the code under test keeps talking to the database: slow, not stuck
                Thread.sleep(5);
            }
            assertThatThrownBy(() -> checkFor(stall, Duration.ofSeconds(5)))
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContaining("waiting=1 idle=0 total=1").hasMessageContaining("no call to the database")
                    .hasMessageContaining("a leaked slot");
        } finally {
            stall.stop();
        }
    }

    @Test
    void aStateWhoseReadingBlocksIsStuck() throws Exception {
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
            assertThatThrownBy(() -> checkFor(stall, Duration.ofSeconds(5)))
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContaining("has not returned").hasMessageContaining("a deadlock");
        } finally {
            stall.stop();
        }
    }

    /** Checks every few ms for {@code time}, as Concurrently does while it waits. */
    private static void checkFor(Stall<?> stall, Duration time) throws InterruptedException {
        long end = System.nanoTime() + time.toNanos();
        while (System.nanoTime() < end) {
            stall.check();
            Thread.sleep(5);
        }
        assertThat(stall).isNotNull();
    }
}
