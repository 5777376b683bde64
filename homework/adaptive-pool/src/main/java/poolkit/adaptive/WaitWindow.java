package poolkit.adaptive;

import java.time.Duration;

/**
 * YOUR WAIT WINDOW: the waits of recent borrows, over the last {@code length} of ticker time. The pool reports
 * every borrower's wait to {@link #record(long)}, from many threads at once; the controller asks for a
 * {@link #summary()} once per step. README.md sketches designs (a deque of dated samples behind a lock; a ring
 * buffer; a concurrent queue) and their traps.
 *
 * <p>Replace each {@code throw NotImplemented.task(...)} with your code. Add the fields you need; keep the public
 * methods as they are: the tests use only them.
 */
public final class WaitWindow {

    /**
     * TASK 2: keep the window's length and the ticker; every sample is dated with {@code ticker.nanoTime()}.
     *
     * @param length how far back samples count
     * @param ticker where the time of each sample and of each summary is read
     */
    public WaitWindow(Duration length, Ticker ticker) {
        throw NotImplemented.task(2, "create the wait window in the WaitWindow constructor");
    }

    /** TASK 2: record one borrower's wait, dated now. Many threads call this at once: lose none. */
    public void record(long waitNanos) {
        throw NotImplemented.task(2, "record a wait in WaitWindow.record()");
    }

    /**
     * TASK 2: what the borrows recorded during the last {@code length} waited. A sample recorded at time {@code t}
     * counts while {@code now - t < length}. The p95 is by nearest rank: sort the waits, and take the one at
     * 1-based position {@code ceil(0.95 * n)}. With no samples, return {@link WaitSummary#EMPTY}.
     */
    public WaitSummary summary() {
        throw NotImplemented.task(2, "summarise the window in WaitWindow.summary()");
    }

    /** TASK 2: forget every sample. */
    public void clear() {
        throw NotImplemented.task(2, "empty the window in WaitWindow.clear()");
    }
}
