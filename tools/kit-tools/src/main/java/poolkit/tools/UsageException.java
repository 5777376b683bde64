package poolkit.tools;

/** Bad input from the person running a tool: the message says what was wrong and what to do. */
public final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UsageException(String message) {
        super(message);
    }
}
