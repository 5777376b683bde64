package poolkit.tasks;

import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which task of a module's README a test class belongs to, from its class display name. The one copy of this rule:
 * the test JVM (the {@code -Dpoolkit.task} filter) and the kit's tools (progress, grading order) both compile this
 * file, so they cannot disagree.
 *
 * <p>The task of a test class is the highest task number its display name mentions: "Task 3: borrowing" is 3,
 * "Tasks 3 to 5: ...", "Tasks 3-5 on PostgreSQL: ..." and "Scenario (Tasks 1-5): ..." are 5 (the class needs every
 * task up to 5), "Tasks 1 and 2: ..." is 2. A name that mentions no task ("Scenario: ...") comes after the last
 * task: {@link #AFTER_LAST}.
 *
 * <p>Plain JDK only: it is compiled into every module's tests and into the tools.
 */
public final class TaskNumber {

    /** The task of a class whose display name mentions none (a scenario): after every numbered task. */
    public static final int AFTER_LAST = Integer.MAX_VALUE;

    /** The system property that runs one task's test classes only: {@code -Dpoolkit.task=3}. */
    public static final String PROPERTY = "poolkit.task";

    /** "Task 3", "Tasks 3 to 5", "Tasks 3-5", "Tasks 1 and 2", "Tasks 1, 2 and 4". */
    private static final Pattern MENTION = Pattern.compile(
            "\\bTasks?\\s+(\\d+(?:\\s*(?:-|\u2013|to|and|,|&)\\s*\\d+)*)", Pattern.CASE_INSENSITIVE);
    private static final Pattern NUMBER = Pattern.compile("\\d+");

    private TaskNumber() {
    }

    /** The task of a test class with this display name: the highest task number it mentions, else {@link #AFTER_LAST}. */
    public static int of(String classDisplayName) {
        if (classDisplayName == null) {
            return AFTER_LAST;
        }
        int highest = -1;
        Matcher mention = MENTION.matcher(classDisplayName);
        while (mention.find()) {
            Matcher number = NUMBER.matcher(mention.group(1));
            while (number.find()) {
                highest = Math.max(highest, parse(number.group()));
            }
        }
        return highest < 0 ? AFTER_LAST : highest;
    }

    /** "Task 3", or "Scenarios" for {@link #AFTER_LAST}: how to name a task to a student. */
    public static String name(int task) {
        return task == AFTER_LAST ? "Scenarios" : "Task " + task;
    }

    /**
     * The task chosen by the value of {@code -Dpoolkit.task}: empty when blank (run every test), a number, or
     * "scenarios" for the classes that mention no task.
     *
     * @throws IllegalArgumentException for anything else, saying what it accepts
     */
    public static OptionalInt selected(String property) {
        if (property == null || property.isBlank()) {
            return OptionalInt.empty();
        }
        String value = property.strip();
        if (value.equalsIgnoreCase("scenarios") || value.equalsIgnoreCase("scenario")) {
            return OptionalInt.of(AFTER_LAST);
        }
        if (value.matches("\\d{1,4}") && parse(value) > 0) {
            return OptionalInt.of(parse(value));
        }
        throw new IllegalArgumentException("-D" + PROPERTY + "=" + property + " is not a task: give the number of a"
                + " README task (-D" + PROPERTY + "=3), or 'scenarios' for the scenario tests");
    }

    private static int parse(String digits) {
        try {
            return Integer.parseInt(digits);
        } catch (NumberFormatException tooLong) {
            return AFTER_LAST - 1;
        }
    }
}
