package poolkit.tools;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import poolkit.tasks.TaskNumber;

/**
 * {@code progress}, the students' view (tools/progress, STUDYING.md): per module, which test groups pass, which
 * tests still fail (display name and first line of the failure), and which README section to read next.
 *
 * <ul>
 * <li>{@code --task N} runs Task N's test classes only ({@link TaskSelection}, test-support's TaskFilter);
 * <li>{@code --watch} runs the tests again whenever a file under the module's src/main changes, until Ctrl-C;
 * <li>{@code --no-run} shows the last run's results, but only when they are current ({@link Freshness}): never
 * results older than the sources, or those of a partial run, as if they were where the student is.
 * </ul>
 */
public final class ProgressReport {
    private static final Pattern README_SECTION = Pattern.compile("Read (\\S+README\\.md), section \"([^\"]+)\"");
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");
    /** Where a module keeps its last full run's reports, for {@code --task} to show the earlier tasks from. */
    static final String FULL_RUN = "target/poolkit-progress/full-run";
    static final Duration QUIET = Duration.ofMillis(500);

    private final Path root;
    private final Options options;
    /** --watch: the later unfinished tasks by their heading only, so the list fits a screen. */
    private boolean compact;

    public ProgressReport(Path root, Options options) {
        this.root = root;
        this.options = options;
    }

    static final String USAGE = "usage: tools/progress [module...] [--task N] [--watch] [--no-run] [--all] [-- maven args]";
    private static final List<String> FLAGS = List.of("--no-run", "--all", "--watch");

    public int run() throws IOException {
        for (String flag : options.flags()) {
            if (!FLAGS.contains(flag)) {
                throw new UsageException("tools/progress has no option " + flag + "; " + USAGE + " (see STUDYING.md)");
            }
        }
        for (String option : options.values().keySet()) {
            if (!option.equals("--task")) {
                throw new UsageException("tools/progress has no option " + option + "; " + USAGE + " (see STUDYING.md)");
            }
        }
        Kit kit = Kit.at(root);
        List<String> modules = options.arguments().isEmpty() ? kit.exercises()
                : kit.select(options.arguments(), kit.modules().stream()
                        .filter(m -> Kit.isExercise(m) || m.startsWith("solutions/")).toList());
        TaskSelection task = options.values().containsKey("--task") ? TaskSelection.parse(options.values().get("--task")) : null;
        boolean watch = options.flag("--watch");
        if ((task != null || watch) && modules.size() != 1) {
            throw new UsageException((watch ? "--watch" : "--task") + " works on one module: name it, e.g. tools/progress exercise-1"
                    + (task != null ? " --task " + task.value() : " --watch"));
        }
        if (watch && options.flag("--no-run")) {
            throw new UsageException("--watch runs the tests on every change; leave out --no-run");
        }
        if (task != null) {
            task.checkIn(modules.get(0), tasksOf(kit, modules.get(0)));
        }
        if (watch) {
            return watch(kit, modules.get(0), task);
        }
        if (options.flag("--no-run")) {
            return showLastRun(kit, modules);
        }
        System.out.println("Running the tests of " + String.join(", ", modules) + (task == null ? "" : ", " + task.label()
                + " only") + " (full output: " + root.relativize(logFile()) + ") ...");
        runAndShow(kit, modules, task, line -> line.startsWith("[INFO] Building ") && !line.startsWith("[INFO] Building jar"));
        return 0;
    }

    private Path logFile() {
        return root.resolve(Kit.REPORT_DIR).resolve("progress-maven.log");
    }

    /** Runs the modules' tests (one task's, with {@code --task}), records what the run covered, prints the results. */
    private void runAndShow(Kit kit, List<String> modules, TaskSelection task, Predicate<String> echo) throws IOException {
        List<String> mavenArgs = new ArrayList<>(options.maven());
        if (task != null) {
            mavenArgs.add(task.mavenArgument());
        }
        Instant started = Instant.now();
        List<String> log = MavenRun.run(root, modules, List.of("test"), mavenArgs, logFile(), echo);
        Instant finished = Instant.now();
        List<String> narrowing = RunRecord.narrowing(mavenArgs);
        System.out.printf("%n(%d s)%n%n", Duration.between(started, finished).toSeconds());
        String next = null;
        for (String module : modules) {
            Path moduleDir = root.resolve(module);
            ModuleRun run = TestRuns.collect(kit, module, log);
            RunRecord record = new RunRecord(started, finished, task == null ? "" : task.value(), narrowing, run.compiled());
            record.write(moduleDir);
            Files.createDirectories(moduleDir.resolve("target/poolkit-progress"));
            Files.write(moduleDir.resolve("target/poolkit-progress/maven.log"), log);
            if (!record.partial()) {
                keepFullRun(moduleDir, record);
            }
            String advice = task == null ? printModule(module, run, record, null)
                    : printTask(kit, module, run, record, task, log);
            if (next == null) {
                next = advice;
            }
        }
        finish(kit, modules, next, task);
    }

    /** {@code --no-run}: the last run's results, only where they are current; otherwise why not, and what to run. */
    private int showLastRun(Kit kit, List<String> modules) throws IOException {
        String next = null;
        boolean shownAll = true;
        for (String module : modules) {
            Path moduleDir = root.resolve(module);
            RunRecord record = RunRecord.read(moduleDir);
            Path reports = moduleDir.resolve("target/surefire-reports");
            Freshness.Verdict verdict = judge(kit, module, record, reports);
            List<String> log = lastLog(moduleDir, record);
            switch (verdict.kind()) {
                case NONE, OUTDATED -> {
                    shownAll = false;
                    System.out.println(module + ": results not shown: " + verdict.why() + ".");
                    System.out.println("  Run tools/progress " + module + " (without --no-run) to see where you are now.");
                    System.out.println();
                }
                case PARTIAL -> {
                    shownAll = false;
                    System.out.println(module + ": " + verdict.why() + "; below are that run's results only.");
                    System.out.println("  Run tools/progress " + module + " (without --no-run) for every task.");
                    ModuleRun run = TestRuns.collect(kit, module, log);
                    String advice = record != null && !record.task().isEmpty()
                            ? printTask(kit, module, run, record, TaskSelection.parse(record.task()), log)
                            : printModule(module, withResults(run), record, null, null, ", in the classes that run ran");
                    next = next == null ? advice : next;
                }
                case CURRENT -> {
                    String advice = printModule(module, TestRuns.collect(kit, module, log), record, null);
                    next = next == null ? advice : next;
                }
            }
        }
        if (shownAll) {
            finish(kit, modules, next, null);
        } else if (next != null) {
            System.out.println("Next: " + next);
        }
        return 0;
    }

    /** {@code --watch}: run, show, wait for a change under src/main, run again; until Ctrl-C. */
    private int watch(Kit kit, String module, TaskSelection task) throws IOException {
        compact = !options.flag("--all");
        Path main = root.resolve(module).resolve("src/main");
        Thread stopping = new Thread(() -> {
            ProcessHandle.current().descendants().forEach(ProcessHandle::destroy); // a Maven run in progress
            System.out.println(System.lineSeparator() + "Stopped watching " + module + ".");
        });
        Runtime.getRuntime().addShutdownHook(stopping);
        try (SourceWatcher watcher = new SourceWatcher(List.of(main), QUIET)) { // watching during each run, too
            List<Path> changed = List.of();
            while (true) {
                clearScreen();
                String what = module + (task == null ? "" : ", " + task.label() + " only");
                System.out.println("tools/progress --watch: " + what + (changed.isEmpty() ? ""
                        : "; changed: " + changed.stream().map(p -> p.getFileName().toString()).distinct()
                                .collect(Collectors.joining(", ")))
                        + " (" + LocalTime.now().format(CLOCK) + ")");
                System.out.println("Running the tests (full output: " + root.relativize(logFile()) + ") ...");
                runAndShow(kit, List.of(module), task, line -> false);
                System.out.println();
                System.out.println("Watching " + root.relativize(main) + ": save a file there to run the tests again."
                        + " Ctrl-C stops.");
                changed = watcher.awaitChange();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    /** Clears a terminal that understands ANSI codes; elsewhere (a pipe, an old Windows console) a rule instead. */
    private static void clearScreen() {
        boolean windows = System.getProperty("os.name").toLowerCase(java.util.Locale.ROOT).contains("win");
        boolean ansi = System.console() != null && !"dumb".equals(System.getenv("TERM"))
                && (!windows || System.getenv("WT_SESSION") != null || System.getenv("TERM") != null);
        System.out.print(ansi ? "\033[H\033[2J\033[3J" : System.lineSeparator() + "-".repeat(100) + System.lineSeparator());
        System.out.flush();
    }

    private void finish(Kit kit, List<String> modules, String next, TaskSelection task) throws IOException {
        warnAboutChangedKitFiles(kit);
        if (next != null) {
            System.out.println("Next: " + next);
        } else if (task != null) {
            System.out.println(task.label().substring(0, 1).toUpperCase(java.util.Locale.ROOT) + task.label().substring(1)
                    + " passes. Next: the next task, or tools/progress " + modules.get(0) + " to check every task.");
        } else {
            System.out.println("Every test passes in " + String.join(", ", modules) + ". Well done: on to the next module.");
        }
    }

    // ------------------------------------------------------------------------------------------------ freshness

    /** The sources whose change makes a module's results old: its code, its exercise's tests and given code, the kit's. */
    List<Path> sources(String module) {
        String exercise = Kit.exerciseOf(module);
        return List.of(root.resolve(module).resolve("src/main"), root.resolve(exercise).resolve("src/test"),
                root.resolve(exercise).resolve("src/given"), root.resolve(module).resolve("pom.xml"),
                root.resolve("reference-pool/src"), root.resolve("test-support/src"), root.resolve("pom.xml"));
    }

    private Freshness.Verdict judge(Kit kit, String module, RunRecord record, Path reports) throws IOException {
        List<Instant> times = new ArrayList<>();
        Set<String> reported = new java.util.TreeSet<>();
        for (Path report : SurefireReports.files(reports)) {
            times.add(Files.getLastModifiedTime(report).toInstant());
            reported.add(report.getFileName().toString().replaceAll("^TEST-|\\.xml$", "").replaceFirst("\\$.*", ""));
        }
        Set<String> declared = TestSources.declaredTests(kit.testSources(module)).keySet();
        return Freshness.judge(record, times, Freshness.newest(root, sources(module)), declared, reported);
    }

    /** The Maven output of the run the reports come from: the module's copy of tools/progress's, else the newest log. */
    private List<String> lastLog(Path moduleDir, RunRecord record) throws IOException {
        Path own = moduleDir.resolve("target/poolkit-progress/maven.log");
        if (record != null && Files.isRegularFile(own)) {
            return Files.readAllLines(own);
        }
        return MavenRun.readLog(newest(logFile(), root.resolve(Kit.REPORT_DIR).resolve("maven.log")));
    }

    private static Path newest(Path a, Path b) throws IOException {
        if (!Files.exists(a) || !Files.exists(b)) {
            return Files.exists(a) ? a : b;
        }
        return Files.getLastModifiedTime(a).compareTo(Files.getLastModifiedTime(b)) >= 0 ? a : b;
    }

    /** After a full run: its reports and record, kept for {@code --task} to show the earlier tasks from. */
    private static void keepFullRun(Path moduleDir, RunRecord record) throws IOException {
        Path kept = moduleDir.resolve(FULL_RUN);
        FileTrees.deleteRecursively(kept);
        Files.createDirectories(kept);
        FileTrees.copyReports(moduleDir.resolve("target/surefire-reports"), kept.resolve("surefire-reports"));
        record.write(kept);
    }

    private static SortedSet<Integer> tasksOf(Kit kit, String module) throws IOException {
        Path sources = kit.testSources(module);
        List<String> names = new ArrayList<>();
        for (String className : TestSources.declaredTests(sources).keySet()) {
            names.add(TestSources.displayNames(sources, className).getOrDefault("class", TestSources.simpleName(className)));
        }
        return TaskSelection.tasksOf(names);
    }

    /** A run's results without the tests it did not run (for a partial run someone else made). */
    private static ModuleRun withResults(ModuleRun run) {
        return new ModuleRun(run.module(), run.tests().stream().filter(t -> t.status() != Status.NOT_RUN).toList(), null);
    }

    // ------------------------------------------------------------------------------------------------ printing

    /** One task's view: that task's groups from this run, the earlier tasks from the last full run while current. */
    private String printTask(Kit kit, String module, ModuleRun run, RunRecord record, TaskSelection task, List<String> log)
            throws IOException {
        if (!run.compiled()) {
            return printModule(module, run, record, task);
        }
        Path moduleDir = root.resolve(module);
        RunRecord full = RunRecord.read(moduleDir.resolve(FULL_RUN));
        Path fullReports = moduleDir.resolve(FULL_RUN).resolve("surefire-reports");
        Freshness.Verdict earlier = full == null ? new Freshness.Verdict(Freshness.Kind.NONE, "no full run yet")
                : judge(kit, module, full, fullReports);
        List<TestResult> shown = new ArrayList<>();
        String earlierNote;
        if (earlier.current()) {
            TestRuns.collect(kit, module, List.of(), fullReports).tests().stream()
                    .filter(t -> task.isEarlier(t.group())).forEach(shown::add);
            earlierNote = "the tasks before " + task.label() + " were not re-run: theirs are the results of your last full run ("
                    + LocalTime.ofInstant(full.started(), ZoneId.systemDefault()).format(CLOCK) + "), still current";
        } else {
            earlierNote = "the tasks before " + task.label() + " were not re-run" + (full == null ? ""
                    : ", and your code changed since their last run") + ": tools/progress " + module + " runs every task";
        }
        run.tests().stream().filter(t -> task.includes(t.group())).forEach(shown::add);
        return printModule(module, new ModuleRun(module, shown, null), record, task, earlierNote);
    }

    /** Prints one module's progress; returns what to do next in it, or null when it is done. */
    private String printModule(String module, ModuleRun run, RunRecord record, TaskSelection task) {
        return printModule(module, run, record, task, null);
    }

    private String printModule(String module, ModuleRun run, RunRecord record, TaskSelection task, String note) {
        return printModule(module, run, record, task, note, "");
    }

    /** {@code scope} narrows the heading's count ("in the classes that run ran"); then it never says done. */
    private String printModule(String module, ModuleRun run, RunRecord record, TaskSelection task, String note,
                               String scope) {
        // With --task, the count is the chosen task's tests; the earlier tasks' results shown are not part of it.
        List<TestResult> counted = task == null ? run.tests()
                : run.tests().stream().filter(t -> task.includes(t.group())).toList();
        long passed = counted.stream().filter(t -> t.status() == Status.PASSED).count();
        System.out.printf("%s%s: %d / %d tests pass%s%s%n", module, task == null ? "" : ", " + task.label() + " only",
                passed, counted.size(), scope, counted.isEmpty() || !scope.isEmpty() ? "" : passed == counted.size() ? "  [done]" : "");
        if (note != null) {
            System.out.println("  (" + note + ")");
        }
        if (!run.compiled()) {
            System.out.println("  " + run.problem());
            return "make " + module + " compile (the compiler's messages are above and in "
                    + root.relativize(logFile()) + ")";
        }
        Map<String, List<TestResult>> groups = run.tests().stream().collect(Collectors.groupingBy(TestResult::group,
                TreeMap::new, Collectors.toList()));
        List<String> order = new ArrayList<>(groups.keySet());
        // In the README's order; a scenario that needs Tasks 1 to 6 after Task 6's own groups.
        order.sort(Comparator.comparingInt(TaskNumber::of).thenComparing((String g) -> !g.startsWith("Task"))
                .thenComparing(Comparator.naturalOrder()));
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
            for (TestResult test : compact && !detailed ? List.<TestResult>of() : failing) {
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
        if (task != null && task.task() != TaskNumber.AFTER_LAST) {
            System.out.println("  later tasks and the scenarios were not run (--task " + task.value() + ")");
        }
        if (run.problem() != null) {
            System.out.println("  note: " + run.problem());
        }
        System.out.println();
        return next;
    }

    /** The README section to read: a "Task n: ..." group's, else the one a failing stub names, else the group's task. */
    private String readNext(String module, String group, List<TestResult> failing) {
        String readme = Kit.exerciseOf(module) + "/README.md";
        int task = TaskNumber.of(group);
        if (group.startsWith("Task ") && task != TaskNumber.AFTER_LAST) {
            return "read " + readme + ", section \"Task " + task + "\" (" + group + ")";
        }
        for (TestResult test : failing) {
            Matcher section = test.message() == null ? null : README_SECTION.matcher(test.message());
            if (section != null && section.find()) {
                return "read " + section.group(1) + ", section \"" + section.group(2) + "\" (" + group + ")";
            }
        }
        if (task != TaskNumber.AFTER_LAST) {
            return "read " + readme + ", section \"Task " + task + "\" (" + group + ")";
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
