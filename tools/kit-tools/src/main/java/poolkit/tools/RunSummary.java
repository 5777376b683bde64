package poolkit.tools;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What Maven itself printed about each module's tests: surefire's line per test class ("Tests run: 10, Failures: 2,
 * ... -- in Task 1: ...") and its one summary per module, read from the Maven process's output as the grader
 * received it. The code under test can rewrite the XML reports on disk (a shutdown hook, a leftover process), not
 * this output: the grader runs Maven with the tests' own output redirected to files, so a line the code under test
 * prints does not reach it; and a forged line could only add to the counts, which the one summary would then
 * contradict. {@link #disagreements} compares the two sources: any difference is graded as tampering.
 */
public final class RunSummary {

    /** Tests run, failures, errors and skipped, as surefire counts them. */
    public record Counts(int run, int failures, int errors, int skipped) {
        public static final Counts NONE = new Counts(0, 0, 0, 0);

        Counts plus(Counts other) {
            return new Counts(run + other.run, failures + other.failures, errors + other.errors, skipped + other.skipped);
        }

        int failed() {
            return failures + errors;
        }

        int passed() {
            return run - failed() - skipped;
        }

        @Override
        public String toString() {
            return run + " run, " + passed() + " passed, " + failed() + " failed, " + skipped + " skipped";
        }
    }

    /** One module's section of Maven's output: the counts by test class (display name), and its summaries. */
    public record Module(Map<String, Counts> byClass, List<Counts> summaries) {
        Counts classTotal() {
            return byClass.values().stream().reduce(Counts.NONE, Counts::plus);
        }
    }

    private static final Pattern HEADER = Pattern.compile("^\\[INFO\\] -+< ([\\w.-]+):([\\w.-]+) >-+$");
    private static final String COUNTS = "Tests run: (\\d+), Failures: (\\d+), Errors: (\\d+), Skipped: (\\d+)(?:, Flakes: \\d+)?";
    private static final Pattern CLASS_LINE = Pattern.compile("^\\[(?:INFO|WARNING|ERROR)\\] " + COUNTS
            + ", Time elapsed: [^,]*? -- in (.+)$");
    private static final Pattern SUMMARY_LINE = Pattern.compile("^\\[(?:INFO|WARNING|ERROR)\\] " + COUNTS + "$");

    private RunSummary() {
    }

    /** Maven's output, by module artifactId. A module with no test line has an empty section, or none. */
    public static Map<String, Module> parse(List<String> output) {
        Map<String, Module> modules = new LinkedHashMap<>();
        Module current = null;
        for (String line : output) {
            Matcher header = HEADER.matcher(line);
            if (header.matches()) {
                current = modules.computeIfAbsent(header.group(2), id -> new Module(new LinkedHashMap<>(), new ArrayList<>()));
                continue;
            }
            if (current == null) {
                continue;
            }
            Matcher testClass = CLASS_LINE.matcher(line);
            if (testClass.matches()) {
                current.byClass().merge(testClass.group(5).strip(), counts(testClass), Counts::plus);
                continue;
            }
            Matcher summary = SUMMARY_LINE.matcher(line);
            if (summary.matches()) {
                current.summaries().add(counts(summary));
            }
        }
        return modules;
    }

    private static Counts counts(Matcher m) {
        return new Counts(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)),
                Integer.parseInt(m.group(4)));
    }

    /** The counts of some report cases by test class display name (surefire's classname attribute). */
    public static Map<String, Counts> byClass(List<SurefireReports.Case> cases) {
        Map<String, Counts> counts = new LinkedHashMap<>();
        for (SurefireReports.Case c : cases) {
            String name = c.classname().isEmpty() ? c.reportClass() : c.classname();
            Counts one = switch (c.status()) {
                case FAILED -> new Counts(1, 1, 0, 0);
                case SKIPPED -> new Counts(1, 0, 0, 1);
                default -> new Counts(1, 0, 0, 0);
            };
            counts.merge(name, one, Counts::plus);
        }
        return counts;
    }

    /**
     * How a module's XML reports disagree with what Maven printed while it ran them; empty when they agree. A
     * module Maven printed nothing about (it did not compile) agrees only with no reports.
     */
    public static List<String> disagreements(Module printed, List<SurefireReports.Case> reported) {
        Module maven = printed == null ? new Module(Map.of(), List.of()) : printed;
        List<String> problems = new ArrayList<>();
        if (maven.summaries().size() > 1) {
            problems.add("Maven's output has " + maven.summaries().size() + " test summaries for the module, where"
                    + " Maven prints one: something else wrote to it");
        }
        Counts fromClasses = maven.classTotal();
        if (maven.summaries().size() == 1 && !maven.summaries().get(0).equals(fromClasses)) {
            problems.add("Maven's summary (" + maven.summaries().get(0) + ") is not the sum of its test classes ("
                    + fromClasses + ")");
        }
        Map<String, Counts> xml = byClass(reported);
        TreeSet<String> classes = new TreeSet<>(xml.keySet());
        classes.addAll(maven.byClass().keySet());
        for (String name : classes) {
            Counts ran = maven.byClass().getOrDefault(name, Counts.NONE);
            Counts says = xml.getOrDefault(name, Counts.NONE);
            if (ran.run() != says.run() || ran.failed() != says.failed() || ran.skipped() != says.skipped()) {
                problems.add("the report of \"" + name + "\" says " + says + "; Maven's run said " + ran);
            }
        }
        return problems;
    }
}
