package poolkit.faulttolerant;

import poolkit.basic.ConnectionFactory;

import java.util.Objects;

/**
 * GIVEN: one database server of the cluster: a name for messages and status, its role, and how to open a physical
 * connection to it.
 *
 * @param name    a name unique in the cluster, e.g. "primary" or "replica-1"
 * @param role    primary or replica
 * @param factory opens a new physical connection to this server (tests pass their own, to count and to break)
 */
public record DatabaseServer(String name, ServerRole role, ConnectionFactory factory) {

    public DatabaseServer {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(factory, "factory");
    }

    public static DatabaseServer primary(String name, ConnectionFactory factory) {
        return new DatabaseServer(name, ServerRole.PRIMARY, factory);
    }

    public static DatabaseServer replica(String name, ConnectionFactory factory) {
        return new DatabaseServer(name, ServerRole.REPLICA, factory);
    }

    @Override
    public String toString() {
        return name + " (" + role + ")";
    }
}
