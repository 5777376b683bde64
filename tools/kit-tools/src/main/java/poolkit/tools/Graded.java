package poolkit.tools;

import java.util.List;

/**
 * One graded module: its exercise folder, its results, its {earned, max} points after the tampering policy, and
 * why it counts as tampered (empty when it does not).
 */
public record Graded(String exercise, ModuleRun run, double[] score, Points points, List<String> tampered) {

    public Graded(String exercise, ModuleRun run, double[] score, Points points) {
        this(exercise, run, score, points, List.of());
    }

    public String note() {
        StringBuilder note = new StringBuilder();
        if (!tampered.isEmpty()) {
            note.append(score[0] == 0 ? "0 points, tampering: " : "tampering: ").append(String.join("; ", tampered));
        }
        if (run.problem() != null) {
            note.append(note.length() == 0 ? "" : "; ").append(run.problem());
        }
        return note.toString();
    }

    /** Every test passed, the module has tests, and nothing was tampered with. */
    public boolean complete() {
        return tampered.isEmpty() && !run.tests().isEmpty() && score[1] > 0 && score[0] == score[1]
                && run.count(Status.PASSED) == run.tests().size();
    }

    /** A test's points in this module, scaled to the module's fixed total when it has one. */
    public double pointsOf(TestResult test) {
        return points.of(test) * points.scale(exercise, run);
    }
}
