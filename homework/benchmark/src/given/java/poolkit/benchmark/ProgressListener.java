package poolkit.benchmark;

/** GIVEN: told by {@link LoadRunner} each time a request ends, from whichever thread ran it. */
@FunctionalInterface
public interface ProgressListener {

    ProgressListener NONE = (done, total) -> { };

    /** {@code done} requests of {@code total} have ended (successfully or not). */
    void completed(int done, int total);
}
