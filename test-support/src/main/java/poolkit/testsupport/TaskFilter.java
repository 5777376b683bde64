package poolkit.testsupport;

import java.util.OptionalInt;
import org.junit.platform.engine.FilterResult;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.launcher.PostDiscoveryFilter;
import poolkit.tasks.TaskNumber;

/**
 * Runs one README task's tests only: with {@code -Dpoolkit.task=3}, JUnit keeps the test classes whose display name
 * belongs to Task 3 ({@link TaskNumber#of}) and drops the others before anything starts (no database, no
 * {@code @BeforeAll}). {@code tools/progress <module> --task 3} sets it; by hand:
 * {@code ./mvnw test -pl exercise-1-basic-pool -Dpoolkit.task=3}.
 *
 * <p>Registered through META-INF/services, so every module's test JVM has it; without the property (always, when
 * grading) it keeps everything. It reads the JVM's system property only, which surefire passes from Maven's
 * command line, and it can only leave tests out: a test left out has no result, which grading counts as not passed.
 */
public final class TaskFilter implements PostDiscoveryFilter {

    private final OptionalInt task;

    /** The filter JUnit loads: the task from {@code -Dpoolkit.task}, or none. */
    public TaskFilter() {
        this(TaskNumber.selected(System.getProperty(TaskNumber.PROPERTY)));
    }

    TaskFilter(OptionalInt task) {
        this.task = task;
    }

    @Override
    public FilterResult apply(TestDescriptor test) {
        if (task.isEmpty()) {
            return FilterResult.included("every task runs");
        }
        String owner = outermostClassName(test);
        if (owner == null) {
            return FilterResult.included("not in a test class");
        }
        int its = TaskNumber.of(owner);
        return its == task.getAsInt()
                ? FilterResult.included(TaskNumber.name(its) + " was chosen with -D" + TaskNumber.PROPERTY)
                : FilterResult.excluded(owner + " is " + TaskNumber.name(its) + "; -D" + TaskNumber.PROPERTY + " chose "
                        + TaskNumber.name(task.getAsInt()));
    }

    /** The display name of the top-level test class a test is in (a @Nested class belongs to its outer class). */
    static String outermostClassName(TestDescriptor test) {
        String name = null;
        for (TestDescriptor d = test; d != null; d = d.getParent().orElse(null)) {
            if (d.getSource().filter(ClassSource.class::isInstance).isPresent()) {
                name = d.getDisplayName();
            }
        }
        return name;
    }
}
