package poolkit.faulttolerant;

import java.sql.SQLTransientConnectionException;

/**
 * GIVEN: what a write gets while the primary is down. It is transient (the same write may succeed once the primary
 * is back) and its message always starts with "primary unavailable", so logs and callers recognise it at once.
 */
public final class PrimaryUnavailableException extends SQLTransientConnectionException {

    /**
     * @param detail what happened and what the caller can do, e.g. "primary 'db-1' is DOWN since its last check
     *               failed (connection refused); reads still go to the replicas"
     * @param cause  the failure that took the primary down, or null
     */
    public PrimaryUnavailableException(String detail, Throwable cause) {
        super("primary unavailable: " + detail, "08001", cause);
    }
}
