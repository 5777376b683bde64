import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Reads the surefire XML reports that tools/soak copied aside after each run (DIR/run-1, DIR/run-2, ...) and
 * prints every test that failed in any run: class#method, in how many of the N runs, and its first failure.
 * Usage: java tools/SoakReport.java DIR N. Exit status 1 if any test failed, or a run left no report for a test
 * that the other runs have (a run that did not build, or a JVM that died).
 */
public class SoakReport {

    /** What happened to one test over the runs. */
    static final class Record {
        final List<Integer> failedIn = new ArrayList<>();
        final List<Integer> ranIn = new ArrayList<>();
        String firstFailure;
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: java tools/SoakReport.java DIR N");
            System.exit(2);
        }
        Path soak = Path.of(args[0]);
        int runs = Integer.parseInt(args[1]);
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        DocumentBuilder parser = factory.newDocumentBuilder();

        Map<String, Record> tests = new TreeMap<>();
        Map<Integer, Integer> testsPerRun = new LinkedHashMap<>();
        for (int run = 1; run <= runs; run++) {
            int count = 0;
            for (Path report : reports(soak.resolve("run-" + run))) {
                Document document = parser.parse(report.toFile());
                // Surefire puts a test's display name in "classname"; the suite's name is the class.
                String testClass = document.getDocumentElement().getAttribute("name");
                NodeList cases = document.getElementsByTagName("testcase");
                for (int i = 0; i < cases.getLength(); i++) {
                    Element testcase = (Element) cases.item(i);
                    if (testcase.getElementsByTagName("skipped").getLength() > 0) {
                        continue;
                    }
                    count++;
                    Record record = tests.computeIfAbsent(testClass + "#" + testcase.getAttribute("name"),
                            name -> new Record());
                    record.ranIn.add(run);
                    String failure = failure(testcase);
                    if (failure != null) {
                        record.failedIn.add(run);
                        if (record.firstFailure == null) {
                            record.firstFailure = "run " + run + ": " + failure;
                        }
                    }
                }
            }
            testsPerRun.put(run, count);
        }

        long failing = tests.values().stream().filter(r -> !r.failedIn.isEmpty()).count();
        long missing = tests.values().stream().filter(r -> r.ranIn.size() < runs).count();
        System.out.println("Tests run per run: " + testsPerRun.values() + " (" + tests.size() + " distinct tests)");
        if (failing == 0 && missing == 0) {
            System.out.println("No test failed in any of the " + runs + " runs.");
            return;
        }
        if (failing > 0) {
            System.out.println(failing + " test(s) failed in at least one of the " + runs + " runs:");
            tests.forEach((name, record) -> {
                if (!record.failedIn.isEmpty()) {
                    System.out.printf("  %s  failed %d of %d (runs %s)%n      first: %s%n", name, record.failedIn.size(),
                            record.ranIn.size(), record.failedIn, record.firstFailure);
                }
            });
        }
        if (missing > 0) {
            System.out.println(missing + " test(s) have no result in some runs (the run did not build, or its JVM died):");
            tests.forEach((name, record) -> {
                if (record.ranIn.size() < runs) {
                    System.out.printf("  %s  ran in %d of %d runs%n", name, record.ranIn.size(), runs);
                }
            });
        }
        System.exit(1);
    }

    private static List<Path> reports(Path run) throws IOException {
        if (!Files.isDirectory(run)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(run)) {
            return files.filter(file -> file.getFileName().toString().matches("TEST-.*\\.xml")).sorted().toList();
        }
    }

    /** A test's failure or error on one line ("Type: message", cut at 300 characters), or null if it passed. */
    private static String failure(Element testcase) {
        for (String tag : List.of("failure", "error")) {
            NodeList found = testcase.getElementsByTagName(tag);
            if (found.getLength() > 0) {
                Element problem = (Element) found.item(0);
                String message = problem.getAttribute("message");
                if (message.isBlank()) {
                    message = problem.getTextContent().strip();
                }
                String oneLine = message.strip().replaceAll("\\s+", " ");
                if (oneLine.length() > 300) {
                    oneLine = oneLine.substring(0, 300) + "...";
                }
                String type = problem.getAttribute("type");
                return (type.isBlank() ? tag : type.substring(type.lastIndexOf('.') + 1)) + ": " + oneLine;
            }
        }
        return null;
    }
}
