package poolkit.priority;

/** GIVEN: the two kinds of borrower a {@link PriorityPool} tells apart. */
public enum Priority {

    /** Work that must not wait behind ordinary traffic, such as a risk check before an order goes out. */
    CRITICAL,

    /** Everything else, such as recording trades or reading history. {@code getConnection()} borrows as REGULAR. */
    REGULAR
}
