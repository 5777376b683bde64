package poolkit.tools.stages;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedSet;
import java.util.stream.Stream;
import poolkit.tasks.TaskNumber;
import poolkit.tools.FileTrees;
import poolkit.tools.Kit;
import poolkit.tools.MavenRun;
import poolkit.tools.ModuleRun;
import poolkit.tools.Status;
import poolkit.tools.TestResult;
import poolkit.tools.TestRuns;

/**
 * tools/check-stages: proves that a module's tasks pass in order. For every stage N of a module (N a task with stubs,
 * the last one excepted: the skeleton and the solution are tools/check's), it runs the module's tests on the staged
 * solution ({@link Stager}: tasks after N put back to their stubs) and checks that every test of a task done passes
 * and that every test class of a task not done has a failing test.
 *
 * <p>A task without stubs of its own (it adds to methods of an earlier task) cannot be staged apart: its tests count
 * as done with the stage before it. A class's task is {@link TaskNumber#of}: the highest it names; a scenario that
 * names none needs every task.
 *
 * <p>It works on a copy of the checkout (in a temporary folder), so neither the sources nor the build output of the
 * checkout change. Usage: {@code tools/check-stages [module...] [-- maven options]}.
 */
public final class CheckStages {

    private CheckStages() {
    }

    /** What one stage of one module showed. */
    record StageResult(String module, int stage, int nextStub, long seconds, int passedAsDue, List<String> problems) {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(System.getProperty("poolkit.root", ".")).toAbsolutePath().normalize();
        List<String> wanted = new ArrayList<>();
        List<String> maven = new ArrayList<>();
        boolean mavenArgs = false;
        for (String arg : args) {
            if (arg.isBlank()) {
                continue;
            }
            if (arg.equals("--")) {
                mavenArgs = true;
            } else if (mavenArgs || arg.startsWith("-D") || arg.equals("-o")) {
                maven.add(arg);
            } else if (arg.equals("-h") || arg.equals("--help")) {
                System.out.println("usage: tools/check-stages [module...] [-- maven options]");
                return;
            } else {
                wanted.add(arg);
            }
        }
        Kit kit = Kit.at(root);
        List<String> modules = wanted.isEmpty() ? kit.exercises() : kit.select(wanted, kit.exercises());
        Path copy = Files.createTempDirectory("poolkit-stages-");
        List<StageResult> results = new ArrayList<>();
        try {
            copyCheckout(root, copy);
            Kit copied = Kit.at(copy);
            for (String module : modules) {
                long start = System.nanoTime();
                results.addAll(check(copied, module, maven));
                System.out.printf(Locale.ROOT, "== %s: every stage in %d s (load average %s)%n", module,
                        (System.nanoTime() - start) / 1_000_000_000L, loadAverage());
            }
        } finally {
            FileTrees.deleteRecursively(copy);
        }
        long failed = results.stream().filter(r -> !r.problems().isEmpty()).count();
        System.out.println(failed == 0
                ? "check-stages: OK, " + results.size() + " stages of " + modules.size() + " modules: tasks pass in order"
                : "check-stages: " + failed + " of " + results.size() + " stages FAILED (see above)");
        System.exit(failed == 0 ? 0 : 1);
    }

    /** Runs every stage of one module in the copy {@code kit}. */
    static List<StageResult> check(Kit kit, String module, List<String> maven) throws IOException {
        Path skeleton = kit.root().resolve(module).resolve("src/main/java");
        String solutionModule = "solutions/" + module;
        Path solution = solutionSources(kit.root(), module);
        Path pristine = Files.createTempDirectory("poolkit-solution-");
        List<StageResult> results = new ArrayList<>();
        try {
            copyTree(solution, pristine);
            List<Integer> stubTasks = new ArrayList<>(Stager.stubTasks(skeleton));
            for (int i = 0; i + 1 < stubTasks.size(); i++) {
                int stage = stubTasks.get(i);
                int nextStub = stubTasks.get(i + 1);
                Stager.stageFolder(skeleton, pristine, stage, solution);
                FileTrees.deleteRecursively(kit.root().resolve(solutionModule).resolve("target/classes"));
                long start = System.nanoTime();
                Path log = kit.root().resolve("stage-logs").resolve(module.replace('/', '_') + "-stage-" + stage + ".log");
                List<String> lines = MavenRun.run(kit.root(), List.of(solutionModule), List.of("test"),
                        withTaskFilterOff(maven), log, line -> false);
                long seconds = (System.nanoTime() - start) / 1_000_000_000L;
                ModuleRun run = TestRuns.collect(kit, solutionModule, lines);
                StageResult result = judge(module, stage, nextStub, seconds, run);
                results.add(result);
                report(result, lines);
            }
        } finally {
            Stager.stageFolder(skeleton, pristine, Integer.MAX_VALUE, solution);
            FileTrees.deleteRecursively(pristine);
        }
        return results;
    }

    /**
     * Stage {@code stage}: tasks up to {@code nextStub - 1} are done (the tasks between have no stubs of their own).
     * Every test of a class of those tasks must pass (or be skipped); every class of a later task must have one that
     * does not.
     */
    static StageResult judge(String module, int stage, int nextStub, long seconds, ModuleRun run) {
        List<String> problems = new ArrayList<>();
        if (run.tests().isEmpty()) {
            problems.add("no test ran" + (run.problem() == null ? "" : ": " + run.problem()));
        }
        Map<String, List<TestResult>> classes = new LinkedHashMap<>();
        for (TestResult test : run.tests()) {
            classes.computeIfAbsent(test.className().replaceFirst("\\$.*", ""), c -> new ArrayList<>()).add(test);
        }
        int passedAsDue = 0;
        for (Map.Entry<String, List<TestResult>> entry : classes.entrySet()) {
            List<TestResult> tests = entry.getValue();
            String group = tests.get(0).group();
            int task = TaskNumber.of(group);
            if (task < nextStub) {
                for (TestResult test : tests) {
                    if (test.status() == Status.PASSED || test.status() == Status.SKIPPED) {
                        passedAsDue++;
                    } else {
                        problems.add("\"" + group + "\" " + test.method() + " does not pass with tasks 1 to "
                                + (nextStub - 1) + " done: it needs a later task's code (" + brief(test.message()) + ")");
                    }
                }
            } else if (tests.stream().allMatch(t -> t.status() == Status.PASSED || t.status() == Status.SKIPPED)
                    && tests.stream().anyMatch(t -> t.status() == Status.PASSED)) {
                problems.add("\"" + group + "\" passes with only tasks 1 to " + (nextStub - 1) + " done, before "
                        + TaskNumber.name(task) + ": name the task it needs in its display name");
            }
        }
        return new StageResult(module, stage, nextStub, seconds, passedAsDue, problems);
    }

    private static void report(StageResult result, List<String> log) {
        String done = result.nextStub() - 1 == result.stage() ? "tasks 1-" + result.stage()
                : "tasks 1-" + (result.nextStub() - 1) + " (stubs after Task " + result.stage() + ")";
        System.out.printf(Locale.ROOT, "%s stage %d, %s done: %s, %d tests of those tasks pass, %d s%n", result.module(),
                result.stage(), done, result.problems().isEmpty() ? "OK" : "FAILED", result.passedAsDue(), result.seconds());
        for (String problem : result.problems()) {
            System.out.println("    " + problem);
        }
        if (result.passedAsDue() == 0 && !result.problems().isEmpty()) {
            log.stream().filter(l -> l.contains("ERROR")).limit(15).forEach(l -> System.out.println("    | " + l));
        }
    }

    private static String brief(String message) {
        if (message == null || message.isBlank()) {
            return "no message";
        }
        String line = message.strip().lines().findFirst().orElse("");
        return line.length() > 160 ? line.substring(0, 157) + "..." : line;
    }

    /** Where a module's answer is: its solution's src/main/java, or for exercise 1, the reference pool. */
    static Path solutionSources(Path root, String module) {
        Path own = root.resolve("solutions").resolve(module).resolve("src/main/java");
        return Files.isDirectory(own) ? own : root.resolve("reference-pool/src/main/java");
    }

    private static List<String> withTaskFilterOff(List<String> maven) {
        List<String> args = new ArrayList<>(maven);
        args.add("-Dpoolkit.task=");
        return args;
    }

    private static String loadAverage() {
        try {
            return String.join(" ", List.of(Files.readString(Path.of("/proc/loadavg")).split(" ")).subList(0, 3));
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    /** The checkout's files, without build output, version control or reports. */
    static void copyCheckout(Path root, Path copy) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Path relative = root.relativize(file);
                if (skipped(relative)) {
                    continue;
                }
                Path out = copy.resolve(relative.toString());
                Files.createDirectories(out.getParent());
                Files.copy(file, out, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
    }

    private static boolean skipped(Path relative) {
        for (Path part : relative) {
            String name = part.toString();
            if (name.equals("target") || name.equals(".git") || name.equals("grading-report") || name.equals(".idea")) {
                return true;
            }
        }
        return false;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.filter(Files::isRegularFile).sorted(Comparator.naturalOrder()).toList()) {
                Path out = to.resolve(from.relativize(file).toString());
                Files.createDirectories(out.getParent());
                Files.copy(file, out);
            }
        }
    }
}
