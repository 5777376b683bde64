package poolkit.adaptive;

/**
 * GIVEN: told by {@link ResizablePool} how long each borrower waited in {@code getConnection()}. It is called on
 * the borrower's own thread, by many threads at once, after every borrow that got a connection and after every
 * borrow that timed out (which then waited the whole connectionTimeout).
 */
@FunctionalInterface
public interface WaitListener {

    /** @param waitNanos how long the borrower waited, as measured by the pool's {@link Ticker} (0 or more) */
    void waited(long waitNanos);
}
