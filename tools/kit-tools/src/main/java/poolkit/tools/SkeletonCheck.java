package poolkit.tools;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code skeleton-check <module dir>...} (tools/check, tools/check-templates): reads the test reports of exercise
 * and homework modules run on their untouched skeletons, and fails when a test passed there: a test that passes
 * before the student wrote anything teaches nothing, unless it is a deliberate given, listed by name
 * (Class#method) in tools/skeleton-givens.txt. Run after {@code mvn test} in those modules.
 */
public final class SkeletonCheck {

    private SkeletonCheck() {
    }

    public static int run(Path root, List<String> modules) throws IOException {
        Set<String> givens = readGivens(root.resolve("tools/skeleton-givens.txt"));
        List<String> problems = new ArrayList<>();
        for (String module : modules) {
            int total = 0;
            int failing = 0;
            int skipped = 0;
            List<String> passing = new ArrayList<>();
            for (SurefireReports.Case c : SurefireReports.read(root.resolve(module).resolve("target/surefire-reports"))) {
                total++;
                String name = c.reportClass() + "#" + c.name();
                switch (c.status()) {
                    case FAILED -> failing++;
                    case SKIPPED -> skipped++; // e.g. PostgreSQL tests with -Dpoolkit.db=none: neither passed nor failed
                    default -> {
                        if (!givens.contains(name)) {
                            passing.add(name);
                        }
                    }
                }
            }
            System.out.printf("%-40s %3d tests, %3d fail on the skeleton%s%n", module, total, failing,
                    skipped == 0 ? "" : ", " + skipped + " skipped");
            if (total == 0) {
                problems.add(module + ": no test reports found (did its tests run?)");
            }
            passing.forEach(name -> problems.add(module + ": " + name
                    + " passes on the untouched skeleton (make it need the student's code, or list it in tools/skeleton-givens.txt)"));
        }
        if (!problems.isEmpty()) {
            System.out.println();
            problems.forEach(problem -> System.out.println("PROBLEM " + problem));
            return 1;
        }
        System.out.println("Every exercise test fails on its skeleton.");
        return 0;
    }

    static Set<String> readGivens(Path file) throws IOException {
        Set<String> names = new TreeSet<>();
        if (Files.exists(file)) {
            for (String line : Files.readAllLines(file)) {
                if (!line.isBlank() && !line.trim().startsWith("#")) {
                    names.add(line.trim());
                }
            }
        }
        return names;
    }
}
