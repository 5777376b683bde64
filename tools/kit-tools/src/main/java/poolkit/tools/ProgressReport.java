package poolkit.tools;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * {@code progress}, the students' view (tools/progress, STUDYING.md): per module, which test groups pass, which
 * tests still fail (display name and first line of the failure), and which README section to read next.
 */
public final class ProgressReport {
    private static final Pattern README_SECTION = Pattern.compile("Read (\\S+README\\.md), section \"([^\"]+)\"");

    private final Path root;
    private final Options options;

    public ProgressReport(Path root, Options options) {
        this.root = root;
        this.options = options;
    }

    public int run() throws IOException {
        Kit kit = Kit.at(root);
        List<String> modules = options.arguments().isEmpty() ? kit.exercises()
                : kit.select(options.arguments(), kit.modules().stream()
                        .filter(m -> Kit.isExercise(m) || m.startsWith("solutions/")).toList());
        Path logFile = root.resolve(Kit.REPORT_DIR).resolve("progress-maven.log");
        List<String> log;
        if (options.flag("--no-run")) {
            logFile = newest(logFile, root.resolve(Kit.REPORT_DIR).resolve("maven.log")); // the last run, tools/grade's too
            log = MavenRun.readLog(logFile);
        } else {
            System.out.println("Running the tests of " + String.join(", ", modules)
                    + " (full output: " + root.relativize(logFile) + ") ...");
            log = MavenRun.run(root, modules, List.of("test"), options.maven(), logFile,
                    line -> line.startsWith("[INFO] Building ") && !line.startsWith("[INFO] Building jar"));
        }
        System.out.println();
        String next = null;
        for (String module : modules) {
            String advice = printModule(kit, module, log, logFile);
            if (next == null) {
                next = advice;
            }
        }
        warnAboutChangedKitFiles(kit);
        System.out.println(next == null
                ? "Every test passes in " + String.join(", ", modules) + ". Well done: on to the next module."
                : "Next: " + next);
        return 0;
    }

    private static Path newest(Path a, Path b) throws IOException {
        if (!Files.exists(a) || !Files.exists(b)) {
            return Files.exists(a) ? a : b;
        }
        return Files.getLastModifiedTime(a).compareTo(Files.getLastModifiedTime(b)) >= 0 ? a : b;
    }

    /** Prints one module's progress; returns what to do next in it, or null when it is done. */
    private String printModule(Kit kit, String module, List<String> log, Path logFile) throws IOException {
        ModuleRun run = TestRuns.collect(kit, module, log);
        long passed = run.count(Status.PASSED);
        System.out.printf("%s: %d / %d tests pass%s%n", module, passed, run.tests().size(),
                run.tests().isEmpty() ? "" : passed == run.tests().size() ? "  [done]" : "");
        if (!run.compiled()) {
            System.out.println("  " + run.problem());
            return "make " + module + " compile (the compiler's messages are above and in "
                    + root.relativize(logFile) + ")";
        }
        Map<String, List<TestResult>> groups = run.tests().stream().collect(Collectors.groupingBy(TestResult::group,
                TreeMap::new, Collectors.toList()));
        List<String> order = new ArrayList<>(groups.keySet());
        order.sort(Comparator.comparingInt(TaskNumbers::order).thenComparing(Comparator.naturalOrder()));
        String next = null;
        for (String group : order) {
            List<TestResult> tests = groups.get(group);
            List<TestResult> failing = tests.stream().filter(t -> t.status() != Status.PASSED).toList();
            System.out.printf("  [%s] %s  (%d / %d)%n", failing.isEmpty() ? "pass" : "FAIL", group,
                    tests.size() - failing.size(), tests.size());
            boolean oneMessage = failing.size() > 1 && failing.stream().map(TestResult::message).distinct().count() == 1
                    && failing.get(0).message() != null;
            // Messages for the first unfinished group, where to work now; later groups by name (or --all).
            boolean detailed = next == null || options.flag("--all");
            for (TestResult test : failing) {
                System.out.println("      x " + test.displayName());
                if (detailed && !oneMessage) {
                    System.out.println("        " + (test.status() == Status.SKIPPED ? "skipped" : test.message()));
                }
            }
            if (detailed && oneMessage) {
                System.out.println("        all with: " + failing.get(0).message());
            }
            if (next == null && !failing.isEmpty()) {
                next = readNext(module, group, failing);
            }
        }
        if (run.problem() != null) {
            System.out.println("  note: " + run.problem());
        }
        System.out.println();
        return next;
    }

    /** The README section of the first failing task: from the group's "Task n", else from a stub's message. */
    private String readNext(String module, String group, List<TestResult> failing) {
        String readme = Kit.exerciseOf(module) + "/README.md";
        int task = TaskNumbers.first(group);
        if (task >= 0) {
            return "read " + readme + ", section \"Task " + task + "\" (" + group + ")";
        }
        for (TestResult test : failing) {
            Matcher section = test.message() == null ? null : README_SECTION.matcher(test.message());
            if (section != null && section.find()) {
                return "read " + section.group(1) + ", section \"" + section.group(2) + "\"";
            }
        }
        return "read " + readme + " and fix \"" + failing.get(0).displayName() + "\" (" + group + ")";
    }

    /** Tells the student when the kit's own files differ from the kit: the grader would not use their copy. */
    private void warnAboutChangedKitFiles(Kit kit) throws IOException {
        if (!Files.isRegularFile(root.resolve(Kit.MANIFEST))) {
            return;
        }
        Tampering changed = Tampering.compare(Manifest.read(root.resolve(Kit.MANIFEST)), Manifest.hash(root, kit));
        if (!changed.isEmpty()) {
            System.out.println("Note: these kit files differ from the kit's own (tests, given code, poms, tools).");
            System.out.println("Grading uses the kit's versions, so make your code pass those:");
            changed.print(System.out::println);
            System.out.println();
        }
    }
}
