package poolkit.tools.template;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The kit's docs show their commands on exercise 1; a template without exercise 1 shows them on its first module.
 */
public final class Retarget {

    static final String EXERCISE_1 = "exercise-1-basic-pool";

    /** A command: a line that starts with one, or a code span that does. */
    static final Pattern COMMAND = Pattern.compile("(?m)(^(?:\\./mvnw|mvnw|tools/|java |POOLKIT_DB=).*$|`(?:\\./mvnw|tools/|java )[^`]*`)");

    private Retarget() {
    }

    /**
     * The text with exercise 1 named as {@code first} in its commands only (lines of code blocks and code spans that
     * start with one), not in sample output or prose.
     */
    public static String commands(String text, String first) {
        Matcher command = COMMAND.matcher(text);
        StringBuilder result = new StringBuilder();
        while (command.find()) {
            command.appendReplacement(result, Matcher.quoteReplacement(all(command.group(), first)));
        }
        return command.appendTail(result).toString();
    }

    /** Every mention of exercise 1 in the text, as a folder or as a progress argument, named as {@code first}. */
    public static String all(String text, String first) {
        return text.replace(EXERCISE_1, first)
                .replaceAll("(progress )exercise-1\\b(?!-)", "$1" + Matcher.quoteReplacement(first));
    }
}
