package poolkit.tools;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Whether a module's test reports still say where the student is: the staleness decision of {@code progress
 * --no-run} and of {@code --task} (which shows the earlier tasks' last results only while they are current).
 *
 * <p>Results are current when they come from a run that started after the last change to the module's sources (its
 * src/main, the exercise's tests and given code, the shared test support), and that ran every test.
 */
public final class Freshness {

    /** The verdict on a module's last results, and why, in words for the student. */
    public record Verdict(Kind kind, String why) {
        public boolean current() {
            return kind == Kind.CURRENT;
        }
    }

    public enum Kind {
        /** From a full run that started after every source's last change. */
        CURRENT,
        /** No results at all. */
        NONE,
        /** A source changed after the run started (or the build since then did not get as far as the tests). */
        OUTDATED,
        /** A run of some tests only ({@code --task}, {@code -Dtest=...}). */
        PARTIAL
    }

    /** A source file and when it last changed. */
    public record Change(Path file, Instant time) {
    }

    private Freshness() {
    }

    /**
     * The decision.
     *
     * @param record what tools/progress's last run covered, or null (no run by tools/progress since a clean build)
     * @param reportTimes when each test report was written (empty: no reports)
     * @param newestSource the most recent change among the sources, if any
     * @param declaredClasses the test classes the module's test sources declare
     * @param reportedClasses the test classes that have a report
     */
    public static Verdict judge(RunRecord record, Collection<Instant> reportTimes, Optional<Change> newestSource,
                                Set<String> declaredClasses, Set<String> reportedClasses) {
        Instant newestReport = reportTimes.stream().max(Instant::compareTo).orElse(null);
        Instant oldestReport = reportTimes.stream().min(Instant::compareTo).orElse(null);
        // Reports written after tools/progress's last run finished come from another run (./mvnw test, tools/grade,
        // an IDE), whose coverage is not known: judge them by themselves.
        boolean ours = record != null && (newestReport == null || !newestReport.isAfter(record.finished().plusSeconds(2)));
        if (!ours && newestReport == null) {
            return new Verdict(Kind.NONE, "there are no test results yet");
        }
        Instant since = ours ? record.started() : oldestReport;
        if (newestSource.isPresent() && newestSource.get().time().isAfter(since)) {
            Change change = newestSource.get();
            return new Verdict(Kind.OUTDATED, change.file().toString().replace('\\', '/')
                    + " changed after the last test run started" + (ours && !record.compiled()
                    ? "" : ", so its results may no longer be true"));
        }
        if (ours && record.partial()) {
            return new Verdict(Kind.PARTIAL, "the last run ran " + record.coverage());
        }
        if (!ours) {
            Set<String> missing = new TreeSet<>(declaredClasses);
            missing.removeAll(reportedClasses);
            if (!missing.isEmpty()) {
                return new Verdict(Kind.PARTIAL, "the last run (not by tools/progress) reported " + (declaredClasses.size()
                        - missing.size()) + " of the " + declaredClasses.size() + " test classes: it ran some tests only"
                        + " (-Dtest=...?), or stopped early");
            }
        }
        return new Verdict(Kind.CURRENT, ours ? "from tools/progress's run of " + record.started() : "from the last run");
    }

    /**
     * The most recent change under the given folders (or files; missing ones are skipped), if any: a file's, or a folder's
     * (deleting or renaming a file changes its folder).
     */
    public static Optional<Change> newest(Path root, List<Path> folders) throws IOException {
        Change newest = null;
        for (Path folder : folders) {
            if (!Files.exists(folder)) {
                continue;
            }
            try (Stream<Path> walk = Files.walk(folder)) {
                for (Path file : (Iterable<Path>) walk::iterator) {
                    Instant time = modified(file);
                    if (newest == null || time.isAfter(newest.time())) {
                        newest = new Change(root.relativize(file), time);
                    }
                }
            } catch (UncheckedIOException e) {
                throw e.getCause(); // a file deleted while walking: the caller says what failed
            }
        }
        return Optional.ofNullable(newest);
    }

    static Instant modified(Path file) throws IOException {
        FileTime time = Files.getLastModifiedTime(file);
        return time.toInstant();
    }
}
