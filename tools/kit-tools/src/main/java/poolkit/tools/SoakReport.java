package poolkit.tools;

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
 * {@code soak-report DIR N} (tools/soak): reads the surefire XML reports that tools/soak copied aside after each run
 * (DIR/run-1, DIR/run-2, ...) and prints every test that failed in any run: class#method, in how many of the N runs,
 * and its first failure. Exit status 1 if any test failed, or a run left no report for a test that the other runs
 * have (a run that did not build, or a JVM that died).
 */
public final class SoakReport {

    /** What happened to one test over the runs. */
    static final class Record {
        final List<Integer> failedIn = new ArrayList<>();
        final List<Integer> ranIn = new ArrayList<>();
        String firstFailure;
    }

    private SoakReport() {
    }

    public static int run(Path root, List<String> args) throws IOException {
        if (args.size() != 2 || !args.get(1).matches("\\d+")) {
            System.err.println("usage: tools/kit soak-report DIR N   (N: the number of runs)");
            return 2;
        }
        Path soak = root.resolve(args.get(0));
        int runs = Integer.parseInt(args.get(1));
        Map<String, Record> tests = new TreeMap<>();
        Map<Integer, Integer> testsPerRun = new LinkedHashMap<>();
        for (int run = 1; run <= runs; run++) {
            int count = 0;
            for (Path report : reports(soak.resolve("run-" + run))) {
                for (SurefireReports.Case c : SurefireReports.readFile(report)) {
                    if (c.status() == Status.SKIPPED) {
                        continue;
                    }
                    count++;
                    Record record = tests.computeIfAbsent(c.reportClass() + "#" + c.name(), name -> new Record());
                    record.ranIn.add(run);
                    if (c.status() == Status.FAILED) {
                        record.failedIn.add(run);
                        if (record.firstFailure == null) {
                            record.firstFailure = "run " + run + ": " + c.message();
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
            return 0;
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
        return 1;
    }

    private static List<Path> reports(Path run) throws IOException {
        if (!Files.isDirectory(run)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(run)) {
            return files.filter(file -> file.getFileName().toString().matches("TEST-.*\\.xml")).sorted().toList();
        }
    }
}
