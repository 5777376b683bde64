package poolkit.tools;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/** Runs the kit's Maven wrapper on some modules, and reads why a module's build failed from its output. */
public final class MavenRun {

    private MavenRun() {
    }

    /**
     * Runs Maven once for all the modules: -fae so one module that does not compile does not stop the others. The
     * output goes to {@code log} and, where {@code echo} says so, to the console; it is returned as read from
     * Maven's own output (not from the log file, which the code under test could rewrite).
     */
    public static List<String> run(Path root, List<String> modules, List<String> goals, List<String> mavenArgs, Path log,
                                   Predicate<String> echo) throws IOException {
        return run(root, modules, goals, mavenArgs, log, echo, false);
    }

    /**
     * The same for grading: also without the variables that hand every JVM options ({@link #isJvmOptions}), so
     * nothing from the environment reaches the test JVMs (a {@code -Dpoolkit.task}, a {@code -javaagent}).
     */
    public static List<String> runForGrading(Path root, List<String> modules, List<String> goals, List<String> mavenArgs,
                                             Path log, Predicate<String> echo) throws IOException {
        return run(root, modules, goals, mavenArgs, log, echo, true);
    }

    private static List<String> run(Path root, List<String> modules, List<String> goals, List<String> mavenArgs, Path log,
                                    Predicate<String> echo, boolean grading) throws IOException {
        boolean windows = System.getProperty("os.name").toLowerCase(Locale.ROOT).contains("win");
        List<String> command = new ArrayList<>(windows ? List.of("cmd", "/c", "mvnw.cmd") : List.of("sh", "./mvnw"));
        command.addAll(List.of("-B", "-ntp", "-fae"));
        command.addAll(goals);
        command.addAll(List.of("-pl", String.join(",", modules), "-Dmaven.test.failure.ignore=true"));
        command.addAll(mavenArgs);
        for (String module : modules) {
            // Reports of an earlier run must not pass for this one's (say, when the code no longer compiles).
            FileTrees.deleteRecursively(root.resolve(module).resolve("target/surefire-reports"));
        }
        Files.createDirectories(log.getParent());
        List<String> lines = new ArrayList<>();
        ProcessBuilder builder = new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true);
        // The code under test runs in Maven's test JVM: it gets no handle on the CI job's outputs, environment or tokens.
        builder.environment().keySet().removeIf(MavenRun::isCiSecret);
        if (grading) {
            builder.environment().keySet().removeIf(MavenRun::isJvmOptions);
        }
        Process maven = builder.start();
        try (BufferedReader output = new BufferedReader(new InputStreamReader(maven.getInputStream(), StandardCharsets.UTF_8));
             PrintWriter file = new PrintWriter(Files.newBufferedWriter(log))) {
            file.println("$ " + String.join(" ", command));
            String line;
            while ((line = output.readLine()) != null) {
                lines.add(line);
                file.println(line);
                if (echo.test(line)) {
                    System.out.println("  " + line.replaceFirst("^\\[(INFO|ERROR|WARNING)\\] ", ""));
                }
            }
        }
        try {
            maven.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            maven.destroy();
            throw new IOException("interrupted while Maven ran", e);
        }
        return lines;
    }

    /** Variables through which a GitHub Actions step sets outputs, environment, or reaches the runner's services. */
    static boolean isCiSecret(String name) {
        return List.of("GITHUB_OUTPUT", "GITHUB_ENV", "GITHUB_PATH", "GITHUB_STATE", "GITHUB_STEP_SUMMARY", "GITHUB_TOKEN")
                .contains(name) || name.startsWith("ACTIONS_");
    }

    /** Variables every JVM started on the machine reads its options from: the test JVMs too. */
    static boolean isJvmOptions(String name) {
        return List.of("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "_JAVA_OPTIONS").contains(name);
    }

    /** The lines of an earlier run's log; none when there is no log. */
    public static List<String> readLog(Path log) throws IOException {
        return Files.isRegularFile(log) ? Files.readAllLines(log) : List.of();
    }

    /**
     * Why a module's build failed, from Maven's output: the compiler's first errors, or Maven's reason (for a test
     * JVM that died, the "forked VM terminated" line that follows it). Null when the module's build did not fail.
     */
    public static String buildProblem(Kit kit, String module, List<String> log) throws IOException {
        if (log.isEmpty()) {
            return null;
        }
        String moduleDir = kit.root().resolve(module).toString();
        String exerciseDir = kit.root().resolve(Kit.exerciseOf(module)).toString();
        String onProject = " on project " + kit.artifactId(module) + ":";
        List<String> compileErrors = new ArrayList<>();
        List<String> reasons = new ArrayList<>();
        boolean inOurFailure = false;
        for (String line : log) {
            if (!line.startsWith("[ERROR] ")) {
                continue;
            }
            String text = line.substring("[ERROR] ".length()).strip();
            if ((text.startsWith(moduleDir + "/") || text.startsWith(exerciseDir + "/")) && text.contains(".java:[")) {
                compileErrors.add(text.replace(kit.root() + "/", ""));
            } else if (text.startsWith("Failed to execute goal")) {
                inOurFailure = text.contains(onProject);
                if (inOurFailure) {
                    reasons.add(text.substring(text.indexOf(onProject) + onProject.length()).strip());
                }
            } else if (inOurFailure && !text.isEmpty() && !text.startsWith("See ") && !text.startsWith("->")
                    && !text.startsWith("To see the full") && !text.startsWith("Re-run Maven")) {
                reasons.add(text);
            }
        }
        if (!compileErrors.isEmpty()) {
            return "does not compile: " + compileErrors.stream().distinct().limit(3).collect(Collectors.joining("; "))
                    + (compileErrors.size() > 3 ? "; ..." : "");
        }
        String reason = reasons.stream().map(r -> r.replaceFirst("\\s*->\\s*\\[Help 1\\]$", "").strip())
                .filter(r -> !r.isEmpty()).distinct().limit(2).collect(Collectors.joining(" "));
        if (reasons.isEmpty()) {
            return null;
        }
        if (reason.contains("forked VM terminated") || reason.contains("error in the forked process")) {
            return "the test JVM stopped before all tests ran (System.exit, halt or a crash in the code under test?)";
        }
        return (reason.toLowerCase(Locale.ROOT).contains("compil") ? "does not compile: " : "build failed: ")
                + (reason.isEmpty() ? "see " + Kit.REPORT_DIR + "/maven.log" : reason);
    }
}
