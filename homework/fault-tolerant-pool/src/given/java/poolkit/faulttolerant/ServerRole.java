package poolkit.faulttolerant;

/** GIVEN: what a server is for. Writes go to the one primary; reads go to replicas while one is up. */
public enum ServerRole {
    /** The server that accepts writes. A cluster has exactly one. */
    PRIMARY,
    /** A read-only copy of the primary (or, in the H2 tests, an independent server standing in for one). */
    REPLICA
}
