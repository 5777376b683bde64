package poolkit.tools;

import java.util.List;

/** What one module's test run produced. {@code problem} says why it has no (or incomplete) results. */
public record ModuleRun(String module, List<TestResult> tests, String problem) {

    public long count(Status status) {
        return tests.stream().filter(t -> t.status() == status).count();
    }

    public boolean compiled() {
        return problem == null || !problem.startsWith("does not compile");
    }
}
