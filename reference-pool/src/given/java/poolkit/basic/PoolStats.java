package poolkit.basic;

/**
 * GIVEN: the state of a pool at one moment, as {@link ConnectionPool#stats()} reports it.
 *
 * @param total   physical connections the pool owns: lent out, idle, or being opened
 * @param active  connections lent out to borrowers right now
 * @param idle    open connections waiting in the pool to be borrowed
 * @param waiting borrowers blocked in {@code getConnection()}, waiting for a connection
 */
public record PoolStats(int total, int active, int idle, int waiting) {

    /** The form production pools print in their timeout messages, e.g. {@code total=10, active=10, idle=0, waiting=3}. */
    @Override
    public String toString() {
        return "total=" + total + ", active=" + active + ", idle=" + idle + ", waiting=" + waiting;
    }
}
