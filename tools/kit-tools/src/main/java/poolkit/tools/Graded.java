package poolkit.tools;

/** One graded module: its exercise folder, its results, and its {earned, max} points. */
public record Graded(String exercise, ModuleRun run, double[] score, Points points) {

    public String note() {
        return run.problem() == null ? "" : run.problem();
    }
}
