package poolkit.tools;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import poolkit.tasks.TaskNumber;

/** A module's results: its surefire reports, plus the declared tests that reported nothing (as NOT_RUN). */
public final class TestRuns {

    private TestRuns() {
    }

    /** Reads a module's surefire XML, and accounts for test classes that reported fewer tests than they declare. */
    public static ModuleRun collect(Kit kit, String module, List<String> mavenLog) throws IOException {
        return collect(kit, module, mavenLog, kit.root().resolve(module).resolve("target/surefire-reports"));
    }

    /** The same from reports kept elsewhere (tools/progress keeps a module's last full run for --task). */
    public static ModuleRun collect(Kit kit, String module, List<String> mavenLog, Path reports) throws IOException {
        Path sources = kit.testSources(module);
        List<Path> shared = kit.sharedTestSources();
        List<TestResult> tests = new ArrayList<>();
        for (SurefireReports.Case c : SurefireReports.read(reports)) {
            String className = c.reportClass();
            Map<String, String> names = TestSources.displayNames(sources, shared, className);
            String method = c.name();
            String group = c.classname();
            if (group.isEmpty() || group.equals(className)) {
                group = names.getOrDefault("class", TestSources.simpleName(className));
            }
            String baseMethod = method.replaceFirst("\\(.*$", "");
            String display = names.containsKey(baseMethod)
                    ? names.get(baseMethod) + method.replaceFirst("^[^\\[]*", " ").replaceFirst("^ $", "")
                    : method;
            tests.add(new TestResult(className, method, group, display.strip(), c.status(), c.message()));
        }

        String buildProblem = MavenRun.buildProblem(kit, module, mavenLog);
        boolean compiled = tests.size() > 0 || buildProblem == null || !buildProblem.startsWith("does not compile");
        int missingTotal = 0;
        for (Map.Entry<String, List<String>> declared : TestSources.declaredTests(sources, shared).entrySet()) {
            String className = declared.getKey();
            List<TestResult> ofClass = tests.stream()
                    .filter(t -> t.className().replaceFirst("\\$.*", "").equals(className)).toList();
            List<String> reported = ofClass.stream().map(t -> t.method().replaceFirst("\\(.*$", "")).toList();
            Map<String, String> names = TestSources.displayNames(sources, shared, className);
            // The task group as surefire reported it for the class's other tests; from the source when none reported.
            String group = ofClass.isEmpty() ? names.getOrDefault("class", TestSources.simpleName(className)) : ofClass.get(0).group();
            for (String method : declared.getValue()) {
                if (!reported.contains(method)) {
                    missingTotal++;
                    tests.add(new TestResult(className, method, group,
                            names.getOrDefault(method, method), Status.NOT_RUN,
                            !compiled ? buildProblem : "no result: the test JVM stopped, or a @BeforeAll failed, before it ran"));
                }
            }
        }
        String problem = !compiled ? buildProblem
                : missingTotal > 0 ? missingTotal + " declared test(s) reported no result"
                        + (buildProblem != null ? ": " + buildProblem : " (see " + Kit.REPORT_DIR + "/maven.log)")
                : tests.isEmpty() ? "no test reports found (see " + Kit.REPORT_DIR + "/maven.log)" : null;
        tests.sort(Comparator.comparingInt((TestResult t) -> TaskNumber.of(t.group())).thenComparing(TestResult::group));
        return new ModuleRun(module, tests, problem);
    }
}
