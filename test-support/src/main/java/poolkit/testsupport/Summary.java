package poolkit.testsupport;

import java.util.List;

/** One line for many failures of the same run, so a broken scenario prints a summary, not a line per request. */
public final class Summary {

    private Summary() {
    }

    /**
     * How many failed, the first failure, and how many failed the same way as it (the same text but for numbers,
     * such as a request's index): {@code "none"} for no failures.
     */
    public static String of(List<String> failures) {
        if (failures.isEmpty()) {
            return "none";
        }
        String first = failures.get(0);
        long same = failures.stream().filter(failure -> withoutNumbers(failure).equals(withoutNumbers(first))).count();
        return failures.size() + " failed; the first: " + first + (failures.size() == 1 ? ""
                : " (" + same + " of the " + failures.size() + " failed that way)");
    }

    private static String withoutNumbers(String text) {
        return String.valueOf(text).replaceAll("\\d+", "#");
    }
}
