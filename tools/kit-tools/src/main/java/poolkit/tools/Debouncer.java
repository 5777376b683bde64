package poolkit.tools;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Turns a burst of file events into one re-run: an editor's save is often several events (write, rename, touch), and
 * "save all" is one per file. The changes are due once no new one has come for the quiet period. Editors' temporary
 * files never count ({@link EditorFiles}). Not thread-safe; times are {@link System#nanoTime()} values, passed in so
 * that tests need no clock.
 */
public final class Debouncer {

    private final long quietNanos;
    private final Set<Path> changed = new LinkedHashSet<>();
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
        if (!isDue(now)) {
            return List.of();
        }
        List<Path> files = new ArrayList<>(changed);
        changed.clear();
        return files;
    }
}
