package poolkit.faulttolerant;

import poolkit.basic.PoolStats;

/**
 * GIVEN: one server as the pool sees it at one moment.
 *
 * @param name        the server's name
 * @param role        primary or replica
 * @param state       UP (the pool lends its connections) or DOWN (it lends none and holds none open)
 * @param pool        the connections the pool holds to this server (all zero while it is DOWN)
 * @param lastFailure what went wrong the last time the server failed, or null if it never did
 */
public record ServerStatus(String name, ServerRole role, ServerState state, PoolStats pool, String lastFailure) {

    @Override
    public String toString() {
        return name + " " + role + " " + state + " [" + pool + "]"
                + (lastFailure == null ? "" : " last failure: " + lastFailure);
    }
}
