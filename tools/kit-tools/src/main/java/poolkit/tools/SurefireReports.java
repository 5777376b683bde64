package poolkit.tools;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/** The one parser of surefire's XML reports (target/surefire-reports/TEST-*.xml). */
public final class SurefireReports {

    private SurefireReports() {
    }

    /**
     * One {@code <testcase>}: {@code reportClass} is the class the report file is named after, {@code classname}
     * the element's classname attribute (empty when absent).
     */
    public record Case(String reportClass, String name, String classname, Status status, String message) {
    }

    /** The report files of a folder, sorted; none when it does not exist. */
    public static List<Path> files(Path reports) throws IOException {
        if (!Files.isDirectory(reports)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(reports)) {
            return files.filter(p -> p.getFileName().toString().matches("TEST-.*\\.xml")).sorted().toList();
        }
    }

    /** Every test case of every report in the folder. */
    public static List<Case> read(Path reports) throws IOException {
        List<Case> cases = new ArrayList<>();
        for (Path report : files(reports)) {
            cases.addAll(readFile(report));
        }
        return cases;
    }

    public static List<Case> readFile(Path report) throws IOException {
        String reportClass = report.getFileName().toString().replaceAll("^TEST-|\\.xml$", "");
        NodeList nodes;
        try {
            nodes = ModuleList.Xml.builder().parse(report.toFile()).getElementsByTagName("testcase");
        } catch (SAXException e) {
            throw new IOException("cannot read test report " + report + ": " + e.getMessage(), e);
        }
        List<Case> cases = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            Element testCase = (Element) nodes.item(i);
            Element problem = first(testCase, "failure", "error");
            Status status = problem != null ? Status.FAILED
                    : testCase.getElementsByTagName("skipped").getLength() > 0 ? Status.SKIPPED : Status.PASSED;
            cases.add(new Case(reportClass, testCase.getAttribute("name"), testCase.getAttribute("classname"), status,
                    problem == null ? null : summary(problem)));
        }
        return cases;
    }

    static Element first(Element parent, String... tags) {
        for (String tag : tags) {
            NodeList nodes = parent.getElementsByTagName(tag);
            if (nodes.getLength() > 0) {
                return (Element) nodes.item(0);
            }
        }
        return null;
    }

    /**
     * A failure in one line: the message up to its first stack frame, whitespace collapsed, so an AssertJ failure
     * keeps its description and what it saw ("[pool size] expected: 10 but was: 11").
     */
    static String summary(Element problem) {
        String message = problem.getAttribute("message");
        if (message.isBlank()) {
            message = problem.getTextContent();
        }
        String text = message.lines().takeWhile(l -> !l.strip().startsWith("at ") && !l.strip().startsWith("...("))
                .map(String::strip).filter(l -> !l.isEmpty()).collect(Collectors.joining(" "));
        if (text.isEmpty()) {
            text = problem.getAttribute("type");
        }
        return text.length() > 400 ? text.substring(0, 397) + "..." : text;
    }
}
