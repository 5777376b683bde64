package poolkit.tools;

/** One test's outcome; {@code group} is the display name of its class ("Task 3: borrowing a connection"). */
public record TestResult(String className, String method, String group, String displayName, Status status, String message) {

    public String id() {
        return className + "#" + method;
    }
}
