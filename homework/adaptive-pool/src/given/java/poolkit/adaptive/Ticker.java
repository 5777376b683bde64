package poolkit.adaptive;

/**
 * GIVEN: where the adaptive pool reads the time. The pool measures how long each borrower waited with it, and the
 * controller dates its samples and its cool-down with it. In production it is {@link #system()}; tests pass a
 * ticker they move by hand, so "a borrower waited 300 ms" and "the cool-down is over" need no real waiting.
 */
@FunctionalInterface
public interface Ticker {

    /** A monotonic time in nanoseconds, like {@link System#nanoTime()}: only differences between readings mean anything. */
    long nanoTime();

    /** The real clock. */
    static Ticker system() {
        return System::nanoTime;
    }
}
