package poolkit.benchmark;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/**
 * A stand-in for work that takes time (a slow statement, a slow close): the calling thread is parked for at least
 * {@code duration}. Nothing waits for it to end: it is the thing being measured, not a way to order threads.
 */
final class SimulatedWork {

    private SimulatedWork() {
    }

    static void takes(Duration duration) {
        long deadline = System.nanoTime() + duration.toNanos();
        for (long left = duration.toNanos(); left > 0; left = deadline - System.nanoTime()) {
            LockSupport.parkNanos(left);
        }
    }
}
