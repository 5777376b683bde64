package poolkit.monitoring;

import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Takes snapshots in a tight loop while other threads record, until it has taken its quota or {@link #stop()} is
 * called, and returns the first one that contradicts itself. The loop does nothing but take and compare snapshots,
 * so that a snapshot() which reads its counters in a careless order is caught between two of its reads as often as
 * possible.
 */
final class SnapshotWatcher implements Callable<String> {

    private final Supplier<MetricsSnapshot> snapshots;
    private final long quota;
    private final Function<MetricsSnapshot, String> alsoCheck;
    private final AtomicBoolean stopped = new AtomicBoolean();
    private volatile long taken;

    /** Watches until {@link #stop()}. */
    SnapshotWatcher(Supplier<MetricsSnapshot> snapshots) {
        this(snapshots, Long.MAX_VALUE);
    }

    /** Watches for {@code quota} snapshots, or until {@link #stop()}, or until an inconsistent one. */
    SnapshotWatcher(Supplier<MetricsSnapshot> snapshots, long quota) {
        this(snapshots, quota, snapshot -> null);
    }

    /**
     * Watches as above, and also checks each snapshot with {@code alsoCheck}, which returns null when the snapshot
     * passes and else what is wrong with it.
     */
    SnapshotWatcher(Supplier<MetricsSnapshot> snapshots, long quota, Function<MetricsSnapshot, String> alsoCheck) {
        this.snapshots = snapshots;
        this.quota = quota;
        this.alsoCheck = alsoCheck;
    }

    void stop() {
        stopped.set(true);
    }

    /** True once the watcher is done, for whatever reason: writers that run "while watched" stop then. */
    boolean isStopped() {
        return stopped.get();
    }

    long snapshotsTaken() {
        return taken;
    }

    /** Null if every snapshot was consistent; else what was wrong with the first one that was not. */
    @Override
    public String call() {
        MetricsSnapshot previous = MetricsSnapshot.EMPTY;
        long count = 0;
        try {
            do {
                MetricsSnapshot now = snapshots.get();
                count++;
                if (now.released() > now.acquired()) {
                    return "snapshot " + count + " shows more releases than acquisitions (a connection is acquired "
                            + "before it is released): " + now;
                }
                if (now.closed() > now.created()) {
                    return "snapshot " + count + " shows more connections closed than created: " + now;
                }
                if (now.acquired() < previous.acquired() || now.released() < previous.released()
                        || now.created() < previous.created() || now.closed() < previous.closed()) {
                    return "snapshot " + count + " shows a counter smaller than the snapshot before (counters only "
                            + "grow): " + previous + " then " + now;
                }
                String problem = alsoCheck.apply(now);
                if (problem != null) {
                    return "snapshot " + count + " " + problem;
                }
                previous = now;
            } while (count < quota && !stopped.get());
            return null;
        } finally {
            taken = count;
            stopped.set(true);
        }
    }
}
