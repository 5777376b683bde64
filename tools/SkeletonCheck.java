import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Reads the test reports of exercise and homework modules run on their untouched skeletons, and fails when a test
 * passed there: a test that passes before the student wrote anything teaches nothing, unless it is a deliberate
 * given, listed by name (Class#method) in tools/skeleton-givens.txt.
 *
 * <p>Usage: {@code java tools/SkeletonCheck.java <module dir>...} after {@code mvn test} ran in those modules.
 */
public class SkeletonCheck {

    public static void main(String[] args) throws Exception {
        Set<String> givens = readGivens(Path.of("tools/skeleton-givens.txt"));
        List<String> problems = new ArrayList<>();
        for (String module : args) {
            Path reports = Path.of(module, "target", "surefire-reports");
            int total = 0;
            int failing = 0;
            int skippedCount = 0;
            List<String> passing = new ArrayList<>();
            try (Stream<Path> files = Files.exists(reports) ? Files.list(reports) : Stream.empty()) {
                for (Path report : files.filter(p -> p.getFileName().toString().matches("TEST-.*\\.xml")).sorted().toList()) {
                    NodeList cases = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                            .parse(report.toFile()).getElementsByTagName("testcase");
                    String suite = report.getFileName().toString().replaceAll("^TEST-|\\.xml$", "");
                    for (int i = 0; i < cases.getLength(); i++) {
                        Element testCase = (Element) cases.item(i);
                        total++;
                        boolean failed = testCase.getElementsByTagName("failure").getLength() > 0
                                || testCase.getElementsByTagName("error").getLength() > 0;
                        boolean skipped = testCase.getElementsByTagName("skipped").getLength() > 0;
                        String name = suite + "#" + testCase.getAttribute("name");
                        if (failed) {
                            failing++;
                        } else if (skipped) {
                            skippedCount++; // e.g. PostgreSQL tests with -Dpoolkit.db=none: neither passed nor failed
                        } else if (!givens.contains(name)) {
                            passing.add(name);
                        }
                    }
                }
            }
            System.out.printf("%-40s %3d tests, %3d fail on the skeleton%s%n", module, total, failing,
                    skippedCount == 0 ? "" : ", " + skippedCount + " skipped");
            if (total == 0) {
                problems.add(module + ": no test reports found (did its tests run?)");
            }
            passing.forEach(name -> problems.add(module + ": " + name
                    + " passes on the untouched skeleton (make it need the student's code, or list it in tools/skeleton-givens.txt)"));
        }
        if (!problems.isEmpty()) {
            System.out.println();
            problems.forEach(problem -> System.out.println("PROBLEM " + problem));
            System.exit(1);
        }
        System.out.println("Every exercise test fails on its skeleton.");
    }

    private static Set<String> readGivens(Path file) throws IOException {
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
