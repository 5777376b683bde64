package poolkit.adaptive;

import java.util.Objects;

/**
 * GIVEN: what one step of the controller ({@link AdaptiveController#tick()}) decided, and the figures behind it.
 * GROW and SHRINK decisions are the pool's resize events: the controller keeps them in its history and tells its
 * listeners. HOLD decisions say why the size stayed as it was.
 *
 * @param action    what the controller did
 * @param fromLimit the pool's limit before the step
 * @param toLimit   the pool's limit after it (equal to fromLimit for HOLD)
 * @param waits     what borrowers waited in the window the decision looked at
 * @param peakInUse the most connections lent at once since the previous step
 * @param atNanos   when it was decided, by the pool's {@link Ticker}
 * @param reason    why, in words a person reading a log understands, e.g.
 *                  {@code "p95 wait 300 ms > target 100 ms over 8 borrows"}
 */
public record Decision(Action action, int fromLimit, int toLimit, WaitSummary waits, int peakInUse, long atNanos,
                       String reason) {

    public enum Action { GROW, SHRINK, HOLD }

    public Decision {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(waits, "waits");
        Objects.requireNonNull(reason, "reason");
        if (action == Action.HOLD && fromLimit != toLimit) {
            throw new IllegalArgumentException("a HOLD keeps the limit, but it went from " + fromLimit + " to " + toLimit);
        }
        if (action == Action.GROW && toLimit <= fromLimit || action == Action.SHRINK && toLimit >= fromLimit) {
            throw new IllegalArgumentException("a " + action + " from " + fromLimit + " to " + toLimit + " is not one");
        }
    }

    /** True for GROW and SHRINK: the decisions that changed the pool. */
    public boolean resized() {
        return action != Action.HOLD;
    }

    @Override
    public String toString() {
        return action + " " + fromLimit + " -> " + toLimit + " (" + reason + "; " + waits + ", peak in use "
                + peakInUse + ")";
    }
}
