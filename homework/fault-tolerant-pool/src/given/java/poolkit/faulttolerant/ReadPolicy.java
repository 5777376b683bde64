package poolkit.faulttolerant;

/** GIVEN: how the pool picks a replica for a read. */
public enum ReadPolicy {
    /** Each read goes to the next replica that is up, in turn, so reads spread evenly. */
    ROUND_ROBIN,
    /** Each read goes to the replica that is up and has the fewest connections lent out right now. */
    LEAST_LOADED
}
