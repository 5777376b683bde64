package poolkit.tools;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A checkout of the kit: its root folder and the modules its root pom lists, in order (test-support,
 * reference-pool, exercise-*, homework/*, solutions/*, tools/kit-tools).
 */
public record Kit(Path root, List<String> modules) {

    /** Where the grader and the students' tools find their files, relative to the kit's root. */
    public static final String MANIFEST = "tools/canonical-tests.sha256";
    public static final String POINTS = "tools/grading-points.properties";
    public static final String REPORT_DIR = "grading-report";

    public static Kit at(Path root) throws IOException {
        return new Kit(root, ModuleList.read(root.resolve("pom.xml")));
    }

    public static boolean isExercise(String module) {
        return module.startsWith("exercise-") || module.startsWith("homework/");
    }

    public List<String> exercises() {
        return modules.stream().filter(Kit::isExercise).toList();
    }

    /** The exercise a module belongs to: itself, or for solutions/X, X. */
    public static String exerciseOf(String module) {
        return module.startsWith("solutions/") ? module.substring("solutions/".length()) : module;
    }

    public Path testSources(String module) {
        return root.resolve(exerciseOf(module)).resolve("src/test/java");
    }

    /**
     * Source roots where a module's test classes may find the superclasses whose tests they inherit: test-support's
     * code (its contracts, such as ConnectionResetContract), which every module compiles with its tests.
     */
    public List<Path> sharedTestSources() {
        return List.of(root.resolve("test-support/src/main/java"));
    }

    public String artifactId(String module) throws IOException {
        return ModuleList.artifactId(root.resolve(module).resolve("pom.xml"), module);
    }

    /** Module names as given on the command line: exact, or a unique prefix ("exercise-1"). */
    public List<String> select(List<String> wanted, List<String> among) {
        List<String> chosen = new ArrayList<>();
        for (String name : wanted) {
            String clean = name.replaceAll("/+$", "");
            List<String> hits = among.contains(clean) ? List.of(clean)
                    : among.stream().filter(m -> m.startsWith(clean)).toList();
            if (hits.size() != 1) {
                throw new UsageException("no single module matches '" + name + "'; the modules are: "
                        + String.join(", ", among));
            }
            chosen.add(hits.get(0));
        }
        return chosen;
    }
}
