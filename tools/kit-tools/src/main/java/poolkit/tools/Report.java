package poolkit.tools;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The score table, JSON and Markdown for one grading run. */
public record Report(String mode, List<Graded> modules, Tampering tampering, String canonicalKit) {

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
                    .append(tampering.suspicious().size()).append(" suspicious)")
                    .append(canonicalKit == null ? ": this score used the changed files.\n"
                            : ": they were restored before grading.\n");
        }
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
                    .append(canonicalKit == null ? "This score was computed with the changed files.\n\n"
                            : "They were restored from the kit before grading: the score is against the kit's tests.\n\n");
            tampering.print(line -> md.append("- `").append(line.strip().replaceFirst(":\\s+", "`: `")).append("`\n"));
            md.append('\n');
        }
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
                "suspicious", tampering.suspicious())))).append(",\n");
        json.append("  \"modules\": [\n");
        for (int i = 0; i < modules.size(); i++) {
            Graded g = modules.get(i);
            ModuleRun run = g.run();
            Map<String, Object> module = Json.object("module", g.exercise(), "gradedDir", run.module(),
                    "compiled", run.compiled(), "passed", run.count(Status.PASSED), "failed", run.count(Status.FAILED),
                    "skipped", run.count(Status.SKIPPED), "notRun", run.count(Status.NOT_RUN), "total", run.tests().size(),
                    "points", g.score()[0], "maxPoints", g.score()[1], "problem", run.problem());
            json.append("    {").append(Json.members(module)).append(",\n");
            json.append("     \"tests\": [\n");
            for (int j = 0; j < run.tests().size(); j++) {
                TestResult t = run.tests().get(j);
                double points = g.points().of(t);
                json.append("        ").append(Json.write(Json.object("id", t.id(), "group", t.group(),
                        "name", t.displayName(), "status", t.status(), "points", t.status() == Status.PASSED ? points : 0.0,
                        "maxPoints", points, "message", t.message())))
                        .append(j + 1 < run.tests().size() ? ",\n" : "\n");
            }
            json.append("     ]}").append(i + 1 < modules.size() ? ",\n" : "\n");
        }
        return json.append("  ]\n}\n").toString();
    }

    /**
     * The payload GitHub Classroom's autograding-grading-reporter reads (base64 in {@code <RUNNER>_RESULTS}):
     * one entry per module, scored with the module's points, so Classroom's gradebook shows the same total.
     */
    public String classroom() {
        boolean allPass = modules.stream().allMatch(g -> g.score()[0] == g.score()[1]) && tampering.isEmpty();
        List<Object> tests = new ArrayList<>();
        for (Graded g : modules) {
            String message = g.run().count(Status.PASSED) + " / " + g.run().tests().size() + " tests pass"
                    + (g.note().isEmpty() ? "" : "; " + g.note());
            tests.add(Json.object("name", g.exercise(), "status", g.score()[0] == g.score()[1] ? "pass" : "fail",
                    "score", g.score()[0], "message", message));
        }
        if (!tampering.isEmpty()) {
            tests.add(Json.object("name", "canonical files", "status", "fail", "score", 0,
                    "message", "changed: " + String.join(", ", tampering.all())));
        }
        return Json.write(Json.object("version", 1, "status", allPass ? "pass" : "fail", "max_score", max(),
                "tests", tests)) + "\n";
    }
}
