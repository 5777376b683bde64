package poolkit.tools;

import java.util.Collection;
import java.util.List;
import java.util.OptionalInt;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;
import poolkit.tasks.TaskNumber;

/**
 * {@code progress --task N}: one README task's tests. The test JVM keeps only that task's classes
 * ({@code -Dpoolkit.task=N}, test-support's TaskFilter); both sides decide a class's task with {@link TaskNumber}.
 *
 * @param task the chosen task, {@link TaskNumber#AFTER_LAST} for the scenarios
 */
public record TaskSelection(int task) {

    /** The value of {@code --task}: a task's number, or "scenarios". */
    public static TaskSelection parse(String value) {
        OptionalInt task;
        try {
            task = TaskNumber.selected(value);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--task " + value + ": give the number of a README task (--task 3), or"
                    + " --task scenarios for the scenario tests");
        }
        if (task.isEmpty()) {
            throw new UsageException("--task needs a task's number, e.g. --task 3");
        }
        return new TaskSelection(task.getAsInt());
    }

    /** The tasks of a module, from its test classes' display names, in order (the scenarios last). */
    public static SortedSet<Integer> tasksOf(Collection<String> classDisplayNames) {
        return classDisplayNames.stream().map(TaskNumber::of).collect(Collectors.toCollection(TreeSet::new));
    }

    /** Fails, naming the module's tasks, when the module has no test class for this task. */
    public void checkIn(String module, SortedSet<Integer> tasks) {
        if (!tasks.contains(task)) {
            throw new UsageException(module + " has no tests for " + label() + ": its tasks are " + describe(tasks)
                    + " (--task scenarios runs the scenario tests)");
        }
    }

    /** The Maven argument that makes the test JVM run this task's classes only. */
    public String mavenArgument() {
        return "-D" + TaskNumber.PROPERTY + "=" + (task == TaskNumber.AFTER_LAST ? "scenarios" : task);
    }

    /** The value the run record keeps: "3", or "scenarios". */
    public String value() {
        return task == TaskNumber.AFTER_LAST ? "scenarios" : Integer.toString(task);
    }

    public String label() {
        return task == TaskNumber.AFTER_LAST ? "the scenarios" : "Task " + task;
    }

    /** True for a group (a test class's display name) of the chosen task. */
    public boolean includes(String group) {
        return TaskNumber.of(group) == task;
    }

    /** True for a group of a task before the chosen one: not re-run, shown from the last full run while current. */
    public boolean isEarlier(String group) {
        return TaskNumber.of(group) < task;
    }

    /** "1 to 7", "1, 2 and 4": the numbered tasks. */
    static String describe(SortedSet<Integer> tasks) {
        List<Integer> numbered = tasks.stream().filter(t -> t != TaskNumber.AFTER_LAST).toList();
        if (numbered.isEmpty()) {
            return "none by number";
        }
        boolean consecutive = numbered.get(numbered.size() - 1) - numbered.get(0) == numbered.size() - 1;
        if (consecutive && numbered.size() > 2) {
            return numbered.get(0) + " to " + numbered.get(numbered.size() - 1);
        }
        String all = numbered.stream().map(String::valueOf).collect(Collectors.joining(", "));
        int last = all.lastIndexOf(", ");
        return last < 0 ? all : all.substring(0, last) + " and " + all.substring(last + 2);
    }
}
