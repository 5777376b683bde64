package poolkit.tools;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * How a checkout's canonical files differ from the manifest (modified, missing, extra); the symbolic links met in
 * them or in an exercise's own code (never followed: the compiler would read through them); and {@code suspicious}
 * files in the student's own src/main that could change how the tests run rather than what the code does (JUnit
 * configuration, service registrations, compiled classes, jars).
 */
public record Tampering(List<String> modified, List<String> missing, List<String> extra, List<String> links,
                        List<String> suspicious, int checked) {

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
        return new Tampering(modified, missing, extra, List.of(), List.of(), expected.size());
    }

    /**
     * A graded checkout against the trusted manifest: its files in the canonical areas of both kits, its links
     * there and in the exercises' folders, and the test machinery in the exercises' src/main.
     */
    public static Tampering scan(Path root, Kit graded, Kit trusted, SortedMap<String, String> expected) throws IOException {
        List<String> areas = new ArrayList<>(Manifest.areas(trusted));
        Manifest.areas(graded).stream().filter(a -> !areas.contains(a)).forEach(areas::add);
        Set<String> skipped = Manifest.skipped(trusted);
        skipped.addAll(Manifest.skipped(graded));
        Manifest.Listing canonical = Manifest.list(root, areas, skipped);
        SortedMap<String, String> actual = new TreeMap<>();
        for (String file : canonical.files()) {
            actual.put(file, Manifest.sha256(root.resolve(file)));
        }
        Set<String> exercises = new LinkedHashSet<>(trusted.exercises());
        exercises.addAll(graded.exercises());
        Manifest.Listing own = Manifest.list(root, List.copyOf(exercises), skipped);
        Set<String> links = new TreeSet<>(canonical.links());
        links.addAll(own.links());
        List<String> suspicious = own.files().stream()
                .filter(p -> exercises.stream().anyMatch(m -> p.startsWith(m + "/src/main/")))
                .filter(Tampering::isTestMachinery).toList();
        Tampering files = compare(expected, actual);
        return new Tampering(files.modified(), files.missing(), files.extra(), List.copyOf(links), suspicious, expected.size());
    }

    /** Compiled code, jars, JUnit configuration and any service registration: none belongs in a student's src/main. */
    static boolean isTestMachinery(String path) {
        return path.endsWith(".class") || path.endsWith(".jar") || path.endsWith("/junit-platform.properties")
                || path.contains("/META-INF/services/");
    }

    public boolean isEmpty() {
        return modified.isEmpty() && missing.isEmpty() && extra.isEmpty() && links.isEmpty() && suspicious.isEmpty();
    }

    public List<String> all() {
        List<String> all = new ArrayList<>(modified);
        all.addAll(missing);
        all.addAll(extra);
        all.addAll(links);
        all.addAll(suspicious);
        return all;
    }

    /** The changed paths that are inside {@code module}'s folder. */
    public List<String> in(String module) {
        return all().stream().filter(p -> p.startsWith(module + "/")).toList();
    }

    /** The changed paths that belong to no exercise or solution module: the root pom, tools, shared modules... */
    public List<String> shared(List<String> exercises) {
        return all().stream().filter(p -> exercises.stream().noneMatch(
                m -> p.startsWith(m + "/") || p.startsWith("solutions/" + m + "/"))).toList();
    }

    public void print(Consumer<String> out) {
        modified.forEach(p -> out.accept("  modified: " + p));
        missing.forEach(p -> out.accept("  missing:  " + p));
        extra.forEach(p -> out.accept("  extra:    " + p));
        links.forEach(p -> out.accept("  link:     " + p + " (symbolic links are refused)"));
        suspicious.forEach(p -> out.accept("  suspicious: " + p + " (test machinery in src/main)"));
    }
}
