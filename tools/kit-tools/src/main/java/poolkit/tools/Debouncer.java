package poolkit.tools;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Turns a burst of file events into one re-run: an editor's save is often several events (write, rename, touch), and
 * "save all" is one per file. The changes are due once no new one has come for the quiet period. Editors' temporary
 * files never count ({@link EditorFiles}). Not thread-safe; times are {@link System#nanoTime()} values, passed in so
 * that tests need no clock.
 */
public final class Debouncer {

    private final long quietNanos;
    private final Set<Path> changed = new LinkedHashSet<>();
    private final Set<Path> created = new LinkedHashSet<>();
    private long lastChange;

    public Debouncer(Duration quiet) {
        if (quiet.isNegative()) {
            throw new IllegalArgumentException("the quiet period cannot be negative: " + quiet);
        }
        this.quietNanos = quiet.toNanos();
    }

    /** Records a change seen at {@code now}; returns false (and forgets it) for an editor's temporary file. */
    public boolean changed(Path file, long now) {
        if (EditorFiles.isTemporary(file)) {
            return false;
        }
        changed.add(file);
        lastChange = now;
        return true;
    }

    /**
     * Records a file created at {@code now}. One that is gone again when the changes are taken was a tool's
     * temporary file (an atomic save's, sed -i's) and does not count.
     */
    public boolean created(Path file, long now) {
        if (changed(file, now)) {
            created.add(file);
            return true;
        }
        return false;
    }

    /** True when a change is waiting (due or not). */
    public boolean hasChanges() {
        return !changed.isEmpty();
    }

    /** True when there are changes and none came during the quiet period before {@code now}. */
    public boolean isDue(long now) {
        return !changed.isEmpty() && now - lastChange >= quietNanos;
    }

    /** How long to wait at {@code now} before the changes are due; the whole quiet period when there are none. */
    public Duration remaining(long now) {
        return changed.isEmpty() ? Duration.ofNanos(quietNanos) : Duration.ofNanos(Math.max(0, quietNanos - (now - lastChange)));
    }

    /** The changed files, in the order first seen, once due ({@link #isDue}); the debouncer starts afresh. */
    public List<Path> take(long now) {
        return take(now, file -> true);
    }

    /**
     * The same, without the files created in this burst that no longer {@code exist}: none at all when only such
     * files changed (a deleted file that was there before does count).
     */
    public List<Path> take(long now, Predicate<Path> exists) {
        if (!isDue(now)) {
            return List.of();
        }
        List<Path> files = new ArrayList<>();
        for (Path file : changed) {
            if (!created.contains(file) || exists.test(file)) {
                files.add(file);
            }
        }
        changed.clear();
        created.clear();
        return files;
    }
}
