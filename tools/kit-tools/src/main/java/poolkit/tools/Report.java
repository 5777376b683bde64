package poolkit.tools;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The score table, JSON and Markdown for one grading run. {@code canonicalKit} is the trusted kit the canonical
 * files were restored from (null: the checkout's own were used); {@code strays}, processes the tests left running,
 * which the grader stopped.
 */
public record Report(String mode, List<Graded> modules, Tampering tampering, String canonicalKit, Points.Policy policy,
                     List<String> strays) {

    public Report(String mode, List<Graded> modules, Tampering tampering, String canonicalKit) {
        this(mode, modules, tampering, canonicalKit, Points.Policy.ZERO_MODULE, List.of());
    }

    /** What the tampering did to the score, in a sentence. */
    String tamperingConsequence() {
        if (canonicalKit != null) {
            return "they were restored from the kit before grading: the score is against the kit's own files";
        }
        return switch (policy) {
            case REPORT_ONLY -> "this score used the changed files (tampering = report-only)";
            case ZERO_ALL -> "the whole grade is 0 (tampering = zero-all in " + Kit.POINTS + ")";
            case ZERO_MODULE -> "the modules they belong to score 0, all of them for a file they share"
                    + " (tampering = zero-module in " + Kit.POINTS + ")";
        };
    }

    double earned() {
        return Points.round(modules.stream().mapToDouble(g -> g.score()[0]).sum());
    }

    double max() {
        return Points.round(modules.stream().mapToDouble(g -> g.score()[1]).sum());
    }

    long passed() {
        return modules.stream().mapToLong(g -> g.run().count(Status.PASSED)).sum();
    }

    long total() {
        return modules.stream().mapToLong(g -> g.run().tests().size()).sum();
    }

    static String number(double value) {
        return Points.number(value);
    }

    public String table() {
        int width = Math.max(30, modules.stream().mapToInt(g -> g.exercise().length()).max().orElse(0) + 2);
        StringBuilder text = new StringBuilder();
        String format = "%-" + width + "s %14s %16s  %s%n";
        text.append(String.format(format, "Module" + (mode.equals("solutions") ? " (solutions)" : ""),
                "Tests passed", "Points", ""));
        for (Graded g : modules) {
            text.append(String.format(format, g.exercise(), g.run().count(Status.PASSED) + " / " + g.run().tests().size(),
                    number(g.score()[0]) + " / " + number(g.score()[1]), g.note()));
        }
        text.append("-".repeat(width + 33)).append('\n');
        text.append(String.format(format, "Total", passed() + " / " + total(), number(earned()) + " / " + number(max()), ""));
        if (!tampering.isEmpty()) {
            text.append("\nWARNING: canonical files were changed (").append(tampering.modified().size()).append(" modified, ")
                    .append(tampering.missing().size()).append(" missing, ").append(tampering.extra().size()).append(" extra, ")
                    .append(tampering.links().size()).append(" links, ")
                    .append(tampering.suspicious().size()).append(" suspicious): ").append(tamperingConsequence()).append(".\n");
        }
        for (Graded g : modules) {
            if (!g.tampered().isEmpty()) {
                text.append("TAMPERING in ").append(g.exercise()).append(": ").append(String.join("; ", g.tampered()))
                        .append(g.score()[0] == 0 ? " (0 points)" : "").append('\n');
            }
        }
        strays.forEach(p -> text.append("Stopped a process the tests left running: ").append(p).append('\n'));
        return text.toString();
    }

    public String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("## poolkit grade: ").append(number(earned())).append(" / ").append(number(max())).append(" points")
                .append(mode.equals("solutions") ? " (solutions)" : "").append("\n\n");
        md.append("| Module | Tests passed | Points | Note |\n|---|---:|---:|---|\n");
        for (Graded g : modules) {
            md.append("| ").append(g.exercise()).append(" | ").append(g.run().count(Status.PASSED)).append(" / ")
                    .append(g.run().tests().size()).append(" | ").append(number(g.score()[0])).append(" / ")
                    .append(number(g.score()[1])).append(" | ").append(cell(g.note())).append(" |\n");
        }
        md.append("| **Total** | ").append(passed()).append(" / ").append(total()).append(" | **")
                .append(number(earned())).append(" / ").append(number(max())).append("** | |\n\n");
        if (tampering.isEmpty()) {
            md.append("Canonical files: all ").append(tampering.checked()).append(" match the kit's manifest.\n\n");
        } else {
            md.append("### :warning: Canonical files changed\n\n")
                    .append(Character.toUpperCase(tamperingConsequence().charAt(0))).append(tamperingConsequence().substring(1))
                    .append(".\n\n");
            tampering.print(line -> md.append("- `").append(line.strip().replaceFirst(":\\s+", "`: `")).append("`\n"));
            md.append('\n');
        }
        for (Graded g : modules) {
            if (!g.tampered().isEmpty()) {
                md.append("### :warning: Tampering in ").append(g.exercise()).append(g.score()[0] == 0 ? ": 0 points" : "")
                        .append("\n\n");
                g.tampered().forEach(t -> md.append("- ").append(cell(t)).append('\n'));
                md.append('\n');
            }
        }
        strays.forEach(p -> md.append("Stopped a process the tests left running: `").append(cell(p)).append("`\n\n"));
        for (Graded g : modules) {
            List<TestResult> failing = g.run().tests().stream().filter(t -> t.status() != Status.PASSED).toList();
            if (failing.isEmpty()) {
                continue;
            }
            md.append("<details><summary>").append(g.exercise()).append(": ").append(failing.size())
                    .append(" test(s) not passing</summary>\n\n");
            for (TestResult t : failing) {
                md.append("- **").append(cell(t.group())).append("**: ").append(cell(t.displayName()));
                if (t.message() != null) {
                    md.append(" — ").append(cell(t.message()));
                } else if (t.status() == Status.SKIPPED) {
                    md.append(" — skipped");
                }
                md.append('\n');
            }
            md.append("\n</details>\n\n");
        }
        return md.toString();
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("<", "&lt;").replace("\n", " ");
    }

    /** grade.json: the totals on one line, each module on one line, each test on one line (tools read it so). */
    public String json() {
        StringBuilder json = new StringBuilder("{\n");
        json.append("  ").append(Json.members(Json.object("mode", mode))).append(",\n");
        json.append("  ").append(Json.members(Json.object("points", earned(), "maxPoints", max(),
                "testsPassed", passed(), "testsTotal", total()))).append(",\n");
        json.append("  ").append(Json.members(Json.object("canonical", Json.object(
                "tampered", !tampering.isEmpty(), "checked", tampering.checked(), "restoredFrom", canonicalKit,
                "modified", tampering.modified(), "missing", tampering.missing(), "extra", tampering.extra(),
                "links", tampering.links(), "suspicious", tampering.suspicious(), "policy", policy.key(),
                "stoppedProcesses", strays)))).append(",\n");
        json.append("  \"modules\": [\n");
        for (int i = 0; i < modules.size(); i++) {
            Graded g = modules.get(i);
            ModuleRun run = g.run();
            Map<String, Object> module = Json.object("module", g.exercise(), "gradedDir", run.module(),
                    "compiled", run.compiled(), "passed", run.count(Status.PASSED), "failed", run.count(Status.FAILED),
                    "skipped", run.count(Status.SKIPPED), "notRun", run.count(Status.NOT_RUN), "total", run.tests().size(),
                    "points", g.score()[0], "maxPoints", g.score()[1], "problem", run.problem(), "tampered", g.tampered());
            json.append("    {").append(Json.members(module)).append(",\n");
            json.append("     \"tests\": [\n");
            for (int j = 0; j < run.tests().size(); j++) {
                TestResult t = run.tests().get(j);
                double points = g.pointsOf(t);
                json.append("        ").append(Json.write(Json.object("id", t.id(), "group", t.group(),
                        "name", t.displayName(), "status", t.status(),
                        "points", t.status() == Status.PASSED && g.score()[0] > 0 ? points : 0.0,
                        "maxPoints", points, "message", t.message())))
                        .append(j + 1 < run.tests().size() ? ",\n" : "\n");
            }
            json.append("     ]}").append(i + 1 < modules.size() ? ",\n" : "\n");
        }
        return json.append("  ]\n}\n").toString();
    }

    /**
     * The payload GitHub Classroom's autograding-grading-reporter reads (base64 in {@code <RUNNER>_RESULTS}): one
     * entry per task group of each module (its tests' class display name), scored with the points its passing tests
     * earned, so partial credit shows. The reporter prints {@code name} and {@code line_no} (0: no line), adds up
     * {@code score} and takes {@code max_score} as the total. Scores are multiples of a quarter point, so its sums
     * print no floating-point noise; a tampered module's entries score 0, and an entry says why.
     */
    public String classroom() {
        List<Object> tests = new ArrayList<>();
        double maxTotal = 0;
        for (Graded g : modules) {
            Map<String, List<TestResult>> groups = new LinkedHashMap<>();
            g.run().tests().forEach(t -> groups.computeIfAbsent(t.group(), k -> new ArrayList<>()).add(t));
            List<String> names = new ArrayList<>(groups.keySet());
            double[] earned = new double[names.size()];
            double[] max = new double[names.size()];
            for (int i = 0; i < names.size(); i++) {
                for (TestResult t : groups.get(names.get(i))) {
                    max[i] += g.pointsOf(t);
                    earned[i] += t.status() == Status.PASSED && g.score()[0] > 0 ? g.pointsOf(t) : 0;
                }
            }
            double[] earnedQ = quarters(earned, g.score()[0]);
            double[] maxQ = quarters(max, g.score()[1]);
            double moduleMax = Math.round(g.score()[1] * 4) / 4.0;
            maxTotal += moduleMax;
            for (int i = 0; i < names.size(); i++) {
                List<TestResult> group = groups.get(names.get(i));
                long passed = group.stream().filter(t -> t.status() == Status.PASSED).count();
                boolean pass = g.tampered().isEmpty() && passed == group.size();
                tests.add(Json.object("name", g.exercise() + " · " + names.get(i) + " (" + passed + " / " + group.size()
                                + " tests, " + Points.number(earnedQ[i]) + " / " + Points.number(maxQ[i]) + " points)",
                        "status", pass ? "pass" : "fail", "score", earnedQ[i], "line_no", 0,
                        "message", pass ? "" : firstProblem(group)));
            }
            if (names.isEmpty() || !g.tampered().isEmpty() || (g.run().problem() != null && !g.run().compiled())) {
                tests.add(Json.object("name", g.exercise() + ": " + (g.note().isEmpty() ? "no test results" : g.note())
                                + (names.isEmpty() ? " (0 / " + Points.number(moduleMax) + " points)" : ""),
                        "status", "fail", "score", 0, "line_no", 0, "message", g.note()));
            }
        }
        if (!tampering.isEmpty()) {
            tests.add(Json.object("name", "canonical files changed" + (canonicalKit == null ? "" : " (restored from the kit)")
                            + ": " + String.join(", ", tampering.all()),
                    "status", "fail", "score", 0, "line_no", 0, "message", String.join(", ", tampering.all())));
        }
        boolean allPass = modules.stream().allMatch(Graded::complete) && tampering.isEmpty();
        return Json.write(Json.object("version", 1, "status", allPass ? "pass" : "fail", "max_score", maxTotal,
                "tests", tests)) + "\n";
    }

    private static String firstProblem(List<TestResult> group) {
        return group.stream().filter(t -> t.status() != Status.PASSED)
                .map(t -> t.displayName() + ": " + (t.message() == null ? t.status().name().toLowerCase(java.util.Locale.ROOT) : t.message()))
                .findFirst().orElse("");
    }

    /**
     * Values rounded to quarter points whose sum is {@code total} rounded to a quarter: each is rounded down, and
     * the quarters left over go to the values that lost the most (largest remainder). Quarters add up exactly in
     * binary floating point, as the reporter adds them.
     */
    static double[] quarters(double[] values, double total) {
        long want = Math.round(total * 4);
        long[] q = new long[values.length];
        double[] lost = new double[values.length];
        long sum = 0;
        double raw = 0;
        for (double v : values) {
            raw += v;
        }
        double scale = raw == 0 ? 0 : total / raw; // the values may be unrounded parts of a rounded total
        for (int i = 0; i < values.length; i++) {
            double v = values[i] * scale * 4;
            q[i] = (long) Math.floor(v + 1e-9);
            lost[i] = v - q[i];
            sum += q[i];
        }
        while (sum < want && values.length > 0) {
            int best = 0;
            for (int i = 1; i < values.length; i++) {
                if (lost[i] > lost[best]) {
                    best = i;
                }
            }
            q[best]++;
            lost[best] = -1;
            sum++;
        }
        double[] result = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            result[i] = q[i] / 4.0;
        }
        return result;
    }
}
