package poolkit.tools;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * {@code study-check} (tools/check step 3): a module can be studied alone (issue 8). Its README explains the
 * concept, has a "### Task n" section for every task its stubs and tests name, each naming the test classes that
 * check it; it has hints in &lt;details&gt; blocks and says where the solution is; and its skeleton stubs point to
 * those README sections.
 *
 * <p>Usage: {@code tools/kit study-check [module...]} from the kit's root; with no argument, every exercise and
 * homework module of the root pom. Exit code 1 when a module has a gap.
 */
public final class StudyCheck {

    private static final Pattern STUB_TASK = Pattern.compile("NotImplemented\\.task\\(\\s*(\\d+)");
    private static final Pattern TEST_TASK = Pattern.compile("@DisplayName\\(\\s*\"Task (\\d+)\\b");
    private static final Pattern SECTION = Pattern.compile("(?m)^### Task (\\d+)\\b");

    private StudyCheck() {
    }

    /** Checks the modules given (folders relative to the root), or every exercise and homework module; 1 on a gap. */
    public static int run(Path root, List<String> modules, PrintStream out) throws IOException {
        List<String> chosen = modules.isEmpty() ? Kit.at(root).exercises() : modules;
        int gaps = 0;
        for (String module : chosen) {
            String name = module.replace('\\', '/').replaceAll("/+$", "");
            List<String> problems = check(root.resolve(name), name);
            out.printf("%-36s %s%n", name, problems.isEmpty() ? "ok" : problems.size() + " gap(s)");
            problems.forEach(problem -> out.println("    - " + problem));
            gaps += problems.size();
        }
        return gaps > 0 ? 1 : 0;
    }

    static List<String> check(Path dir, String module) throws IOException {
        List<String> problems = new ArrayList<>();
        Path readmeFile = dir.resolve("README.md");
        if (!Files.isRegularFile(readmeFile)) {
            problems.add("no README.md");
            return problems;
        }
        String readme = Files.readString(readmeFile);
        String mainCode = readAll(dir.resolve("src/main/java"));
        String givenCode = readAll(dir.resolve("src/given/java"));
        String testCode = readAll(dir.resolve("src/test/java"));

        Set<Integer> sections = numbers(SECTION, readme);
        Set<Integer> stubTasks = numbers(STUB_TASK, mainCode);
        Set<Integer> testTasks = numbers(TEST_TASK, testCode);
        if (sections.isEmpty()) {
            problems.add("README has no \"### Task n\" sections");
        }
        for (int task : union(stubTasks, testTasks)) {
            if (!sections.contains(task)) {
                problems.add("Task " + task + " is named by " + (stubTasks.contains(task) ? "a stub" : "a test")
                        + " but the README has no \"### Task " + task + "\" section");
            }
        }
        for (int task : sections) {
            String section = sectionText(readme, task);
            Matcher testClass = Pattern.compile("\\b(\\w+Tests?)\\b").matcher(section);
            boolean namesTest = false;
            while (testClass.find()) {
                namesTest |= Files.exists(dir.resolve("src/test/java")) && containsClass(dir.resolve("src/test/java"), testClass.group(1));
            }
            if (!namesTest) {
                problems.add("README section \"Task " + task + "\" names no test class of src/test/java");
            }
        }
        if (stubTasks.isEmpty()) {
            problems.add("no NotImplemented.task(n, ...) stub in src/main/java");
        }
        String expectedPointer = "Read " + module + "/README.md, section \\\"Task ";
        if (!givenCode.contains(expectedPointer)) {
            problems.add("NotImplemented's message does not say: " + expectedPointer.replace("\\\"", "\"") + "n\"");
        }
        if (!readme.contains("<details>")) {
            problems.add("README has no hints in <details> blocks");
        }
        if (!readme.contains("solutions/" + module)) {
            problems.add("README does not say where the solution is (solutions/" + module + ")");
        }
        if (!readme.matches("(?s).*\\./mvnw[^\\n]*(-pl|-f) [^\\n]*" + Pattern.quote(module) + ".*")) {
            problems.add("README does not show the command that runs the module's tests");
        }
        return problems;
    }

    private static String sectionText(String readme, int task) {
        Matcher start = Pattern.compile("(?m)^### Task " + task + "\\b.*$").matcher(readme);
        if (!start.find()) {
            return "";
        }
        Matcher end = Pattern.compile("(?m)^#{1,3} ").matcher(readme);
        int stop = end.find(start.end()) ? end.start() : readme.length();
        return readme.substring(start.end(), stop);
    }

    private static boolean containsClass(Path tests, String simpleName) throws IOException {
        try (Stream<Path> files = Files.walk(tests)) {
            return files.anyMatch(f -> f.getFileName().toString().equals(simpleName + ".java"));
        }
    }

    private static Set<Integer> numbers(Pattern pattern, String text) {
        Set<Integer> numbers = new TreeSet<>();
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            numbers.add(Integer.parseInt(m.group(1)));
        }
        return numbers;
    }

    private static Set<Integer> union(Set<Integer> a, Set<Integer> b) {
        Set<Integer> all = new TreeSet<>(a);
        all.addAll(b);
        return all;
    }

    private static String readAll(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return "";
        }
        StringBuilder text = new StringBuilder();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
                text.append(Files.readString(file)).append('\n');
            }
        }
        return text.toString();
    }
}
