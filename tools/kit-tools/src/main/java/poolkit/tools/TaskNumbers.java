package poolkit.tools;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How tools/progress and the grader order test groups and find the README task of a group, from the group's display
 * name (its class's {@code @DisplayName}): "Task 3: borrowing" sorts as 3 and points to Task 3; "Tasks 3-5: ..."
 * sorts as 3; "Scenario (Tasks 1-5)" sorts last and points to Task 1; "Scenario: a day of trades" sorts last and
 * points to no task. The task a class belongs to for {@code -Dpoolkit.task} is {@code poolkit.tasks.TaskNumber}'s
 * rule (test-support/src/tasks/java, compiled into these tools too).
 */
public final class TaskNumbers {

    /** "Task 3: ...", "Tasks 3 to 5: ...": a group that starts with its task, and its first task. */
    private static final Pattern LEADING = Pattern.compile("^Tasks? (\\d+)\\b");
    /** "Task 3" or "Tasks 3" anywhere in the name, and its first number. */
    private static final Pattern ANY = Pattern.compile("\\bTasks? (\\d+)\\b");

    private TaskNumbers() {
    }

    /**
     * The n of a group that starts with "Task n" or "Tasks n...", so results list in the README's order; groups
     * that do not start with their task (scenarios) sort last, as {@link Integer#MAX_VALUE}.
     */
    public static int order(String group) {
        Matcher task = LEADING.matcher(group);
        return task.find() ? Integer.parseInt(task.group(1)) : Integer.MAX_VALUE;
    }

    /** The first task a group names anywhere ("Scenario (Tasks 1-5)" names 1); -1 when it names none. */
    public static int first(String group) {
        Matcher task = ANY.matcher(group);
        return task.find() ? Integer.parseInt(task.group(1)) : -1;
    }

}
