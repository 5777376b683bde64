package poolkit.priority;

/**
 * GIVEN: the state of a priority pool at one moment, as {@link PriorityPool#stats()} reports it.
 *
 * @param total           physical connections the pool owns: lent out, idle, or being opened
 * @param active          connections lent out to borrowers right now, of either priority
 * @param idle            open connections waiting in the pool to be borrowed
 * @param criticalWaiting CRITICAL borrowers queued in {@code getConnection(...)}, waiting for a connection
 * @param regularWaiting  REGULAR borrowers queued in {@code getConnection(...)}, waiting for a connection
 */
public record PriorityPoolStats(int total, int active, int idle, int criticalWaiting, int regularWaiting) {

    /** Borrowers waiting, of both priorities. */
    public int waiting() {
        return criticalWaiting + regularWaiting;
    }

    /** The form used in timeout messages, e.g. {@code total=4, active=4, idle=0, criticalWaiting=1, regularWaiting=3}. */
    @Override
    public String toString() {
        return "total=" + total + ", active=" + active + ", idle=" + idle + ", criticalWaiting=" + criticalWaiting
                + ", regularWaiting=" + regularWaiting;
    }
}
