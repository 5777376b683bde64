package poolkit.health;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * GIVEN: a physical connection the pool owns, with the times the pool needs to judge it: when it was opened (for
 * maxLifetime) and when it last became idle (for idleTimeout and validation on borrow). Times are
 * {@link System#nanoTime()} readings.
 */
final class PhysicalConnection {

    final Connection connection;
    final long createdAt;
    /** Written by whoever puts the connection in the idle set, under the pool's lock. */
    long idleSince;

    PhysicalConnection(Connection connection, long createdAt) {
        this.connection = connection;
        this.createdAt = createdAt;
        this.idleSince = createdAt;
    }

    /** Closes the physical connection, ignoring failures: it is being thrown away either way. */
    void closeQuietly() {
        try {
            connection.close();
        } catch (SQLException | RuntimeException e) {
            // A connection that cannot even be closed is gone for the pool all the same.
        }
    }

    @Override
    public String toString() {
        return "PhysicalConnection[" + connection + "]";
    }
}
