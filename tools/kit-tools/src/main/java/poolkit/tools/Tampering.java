package poolkit.tools;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.function.Consumer;

/**
 * How a checkout's canonical files differ from the manifest; and {@code suspicious} files in the student's own
 * src/main that could change how the tests run rather than what the code does (JUnit configuration or service
 * registrations, compiled classes, jars).
 */
public record Tampering(List<String> modified, List<String> missing, List<String> extra, List<String> suspicious, int checked) {

    public static Tampering compare(SortedMap<String, String> expected, SortedMap<String, String> actual) {
        List<String> modified = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        expected.forEach((path, sha) -> {
            if (!actual.containsKey(path)) {
                missing.add(path);
            } else if (!actual.get(path).equals(sha)) {
                modified.add(path);
            }
        });
        List<String> extra = actual.keySet().stream().filter(p -> !expected.containsKey(p)).toList();
        return new Tampering(modified, missing, extra, List.of(), expected.size());
    }

    public Tampering withSuspicious(List<String> files) {
        return new Tampering(modified, missing, extra, files, checked);
    }

    public boolean isEmpty() {
        return modified.isEmpty() && missing.isEmpty() && extra.isEmpty() && suspicious.isEmpty();
    }

    public List<String> all() {
        List<String> all = new ArrayList<>(modified);
        all.addAll(missing);
        all.addAll(extra);
        all.addAll(suspicious);
        return all;
    }

    /** Files under the exercises' src/main that are test machinery, not code: JUnit settings, .class, .jar. */
    public static List<String> suspiciousFiles(Path root, Kit kit) throws IOException {
        List<String> areas = kit.exercises().stream().map(m -> m + "/src/main").toList();
        return Manifest.files(root, areas).stream()
                .filter(p -> p.endsWith(".class") || p.endsWith(".jar") || p.endsWith("/junit-platform.properties")
                        || p.contains("/META-INF/services/org.junit"))
                .toList();
    }

    public void print(Consumer<String> out) {
        modified.forEach(p -> out.accept("  modified: " + p));
        missing.forEach(p -> out.accept("  missing:  " + p));
        extra.forEach(p -> out.accept("  extra:    " + p));
        suspicious.forEach(p -> out.accept("  suspicious: " + p + " (test machinery in src/main)"));
    }
}
