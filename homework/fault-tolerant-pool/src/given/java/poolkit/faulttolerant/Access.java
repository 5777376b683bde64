package poolkit.faulttolerant;

/** GIVEN: what a borrower means to do with a connection, which decides where the pool routes the request. */
public enum Access {
    /** Writes (and reads that must see the latest writes): always the primary. */
    READ_WRITE,
    /** Reads only: a replica chosen by the {@link ReadPolicy}, or the primary when no replica is up. */
    READ_ONLY
}
