package poolkit.tools;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;

/**
 * What tools/progress's last test run of a module covered, kept next to its reports
 * ({@code <module>/target/poolkit-progress.properties}), so that {@code --no-run} can tell current results from old or
 * partial ones: when the run started and ended, which task it was limited to ({@code --task}), which Maven arguments
 * narrowed it ({@code -Dtest=...}), and whether the module compiled.
 *
 * @param task the {@code -Dpoolkit.task} value of the run, or "" when every task ran
 * @param narrowing the Maven arguments that ran only some tests ({@code -Dtest=BorrowTest}), none for a full run
 */
public record RunRecord(Instant started, Instant finished, String task, List<String> narrowing, boolean compiled) {

    public static final String FILE = "target/poolkit-progress.properties";

    /** Maven arguments that run only some of a module's tests. */
    private static final List<String> NARROWING = List.of("-Dtest=", "-Dgroups=", "-DexcludedGroups=", "-Dsurefire.",
            "-Dpoolkit.task=", "-Dit.test=", "-Dmaven.test.skip", "-DskipTests");

    public RunRecord {
        task = task == null ? "" : task.strip();
        narrowing = List.copyOf(narrowing);
    }

    /** The Maven arguments of a run that leave some tests out ({@code -Dtest=...}, {@code -Dgroups=...}). */
    public static List<String> narrowing(List<String> mavenArgs) {
        return mavenArgs.stream().filter(a -> NARROWING.stream().anyMatch(a::startsWith)).toList();
    }

    /** True when the run left tests out on purpose: one task, or Maven arguments that choose tests. */
    public boolean partial() {
        return !task.isEmpty() || !narrowing.isEmpty();
    }

    /** What the run covered, for a student: "every test", "Task 3 only", "only -Dtest=BorrowTest". */
    public String coverage() {
        if (!task.isEmpty()) {
            String name = task.matches("\\d+") ? "Task " + task : "the scenarios";
            return name + " only (--task " + task + ")" + (narrowing.stream().anyMatch(a -> !a.startsWith("-Dpoolkit.task="))
                    ? ", with " + String.join(" ", narrowing) : "");
        }
        return narrowing.isEmpty() ? "every test" : "only the tests chosen by " + String.join(" ", narrowing);
    }

    public static Path file(Path moduleDir) {
        return moduleDir.resolve(FILE);
    }

    /** The module's record, or null when tools/progress has not run its tests since the last clean build. */
    public static RunRecord read(Path moduleDir) throws IOException {
        Path file = file(moduleDir);
        if (!Files.isRegularFile(file)) {
            return null;
        }
        Properties p = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            p.load(reader);
        }
        try {
            String narrowing = p.getProperty("narrowing", "");
            return new RunRecord(Instant.ofEpochMilli(Long.parseLong(p.getProperty("started"))),
                    Instant.ofEpochMilli(Long.parseLong(p.getProperty("finished"))), p.getProperty("task", ""),
                    narrowing.isBlank() ? List.of() : Arrays.asList(narrowing.split("\n")),
                    Boolean.parseBoolean(p.getProperty("compiled", "true")));
        } catch (NumberFormatException | NullPointerException e) {
            return null; // a damaged record: as if there were none (the results then count as someone else's run)
        }
    }

    public void write(Path moduleDir) throws IOException {
        Properties p = new Properties();
        p.setProperty("started", Long.toString(started.toEpochMilli()));
        p.setProperty("finished", Long.toString(finished.toEpochMilli()));
        p.setProperty("task", task);
        p.setProperty("narrowing", String.join("\n", narrowing));
        p.setProperty("compiled", Boolean.toString(compiled));
        Path file = file(moduleDir);
        Files.createDirectories(file.getParent());
        try (Writer writer = Files.newBufferedWriter(file)) {
            p.store(writer, "tools/progress: what the last test run of this module covered (see RunRecord)");
        }
    }
}
