package poolkit.faulttolerant;

/** GIVEN: whether the pool currently sends work to a server. */
public enum ServerState {
    /** The server answered its last check: the pool lends its connections. */
    UP,
    /** The server failed: the pool lends none of its connections and holds none open, until a health check sees it back. */
    DOWN
}
