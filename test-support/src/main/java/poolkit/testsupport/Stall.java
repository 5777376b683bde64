package poolkit.testsupport;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Tells a stuck run from a slow one, so a test that waits for concurrent work can fail as soon as the work cannot
 * end, instead of at a generous deadline: the watched state (a pool's stats) has stayed the same for {@link #QUIET},
 * no task finished meanwhile, and the state is one that only a wake-up ends (a borrower waits while a connection is
 * idle: a lost wake-up; a borrower waits while slots are neither lent nor idle: a leaked slot).
 *
 * <p>A healthy pool leaves such a state within milliseconds (the waiter is woken and takes the connection), so
 * {@link #QUIET} is a wide margin for a loaded machine; a broken one stays in it until its borrowers' connection
 * timeout. A state that cannot be read (a skeleton's {@code stats()} not written yet) is never stuck; one whose
 * reading blocks for {@link #QUIET} (a lock held for ever: a deadlock) is, whatever the watch's own quiet time.
 *
 * <p>A watch may also be told of other work the code under test does ({@link #movingWith}: the calls every
 * {@link TrackingConnectionFactory} sees on its connections): while that count moves, the run is not stuck. With it a
 * watch can use a short quiet time, since a pool that is busy with the database is never taken for a stuck one. The state is read on a thread of the
 * watch's own, so a deadlocked pool cannot block the waiting test.
 *
 * @param <S> the watched state; compared with {@code equals}, so a record such as a pool's stats
 */
public final class Stall<S> {

    /** How long a stuck-looking state must stay unchanged, with no progress, before the run counts as stuck. */
    public static final Duration QUIET = Duration.ofSeconds(2);

    private static final Stall<Object> NEVER = new Stall<>("", () -> null, state -> false, QUIET);

    private final String lesson;
    private final Supplier<S> state;
    private final Predicate<S> stuck;
    private final long quietNanos;
    private final LongSupplier work;
    private final String workName;
    private long lastWork;

    private S last;
    private long since;
    private ExecutorService reader;
    private Future<S> reading;
    private long readingSince;

    private Stall(String lesson, Supplier<S> state, Predicate<S> stuck, Duration quiet) {
        this(lesson, state, stuck, quiet, null, "");
    }

    private Stall(String lesson, Supplier<S> state, Predicate<S> stuck, Duration quiet, LongSupplier work,
                  String workName) {
        this.lesson = Objects.requireNonNull(lesson, "lesson");
        this.state = Objects.requireNonNull(state, "state");
        this.stuck = Objects.requireNonNull(stuck, "stuck");
        this.quietNanos = quiet.toNanos();
        this.work = work;
        this.workName = workName;
    }

    /**
     * A watch of {@code state}: the run is stuck when {@code stuck} holds for it and it stays the same for
     * {@link #QUIET} while no task finishes. {@code lesson} says what that means and what to fix; the failure adds
     * the state it saw.
     */
    public static <S> Stall<S> when(Supplier<S> state, Predicate<S> stuck, String lesson) {
        return new Stall<>(lesson, state, stuck, QUIET);
    }

    /**
     * The same, with another quiet time: for a state a healthy run can stay in longer than a pool's hand-over (a
     * caller's own SQL in progress), or for the kit's own tests of this class.
     */
    public static <S> Stall<S> when(Supplier<S> state, Predicate<S> stuck, String lesson, Duration quiet) {
        return new Stall<>(lesson, state, stuck, quiet);
    }

    /**
     * This watch, and the run also counts as moving (the quiet time starts again) whenever {@code work} changes: a
     * count of what the code under test does besides changing the watched state, such as
     * {@link TrackingConnectionFactory#databaseWork()}. Read by the waiting thread; it must not block. {@code what}
     * names one unit of it for the failure message ("call to the database": "... with no call to the database").
     */
    public Stall<S> movingWith(String what, LongSupplier work) {
        return new Stall<>(lesson, state, stuck, Duration.ofNanos(quietNanos), Objects.requireNonNull(work, "work"),
                Objects.requireNonNull(what, "what"));
    }

    /** A watch that never finds a run stuck. */
    @SuppressWarnings("unchecked")
    public static <S> Stall<S> never() {
        return (Stall<S>) NEVER;
    }

    /** Called when a task finished: the run moved, so the quiet time starts again. */
    public void progressed() {
        last = null;
        readingSince = System.nanoTime();
    }

    /**
     * Looks at the state once; called every few milliseconds by the thread that waits for the run (one thread).
     *
     * @throws AssertionError with the lesson and the state, once the run has been stuck for the quiet time
     */
    public void check() {
        if (this == NEVER) {
            return;
        }
        long time = System.nanoTime();
        if (work != null) {
            long seen = work.getAsLong();
            if (seen != lastWork) {
                lastWork = seen;
                last = null; // the code under test did something: the quiet time starts again
            }
        }
        if (reading == null) {
            if (reader == null) {
                reader = Executors.newSingleThreadExecutor(task -> {
                    Thread thread = new Thread(task, "stall-watch");
                    thread.setDaemon(true);
                    return thread;
                });
            }
            reading = reader.submit(state::get);
            readingSince = time;
        }
        if (!reading.isDone()) {
            long readingLimit = Math.max(quietNanos, QUIET.toNanos()); // a lock held a moment is no deadlock
            if (time - readingSince >= readingLimit) {
                throw new AssertionError("stuck: reading the state took over " + Duration.ofNanos(readingLimit).toMillis()
                        + " ms and has not returned (a lock held for ever? a deadlock?): " + lesson);
            }
            return;
        }
        S now = null;
        boolean looksStuck = false;
        try {
            now = reading.get();
            looksStuck = now != null && stuck.test(now);
        } catch (ExecutionException | RuntimeException unreadable) {
            looksStuck = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            reading = null;
        }
        if (!looksStuck || !now.equals(last)) {
            last = looksStuck ? now : null;
            since = time;
            return;
        }
        if (time - since >= quietNanos) {
            throw new AssertionError("stuck: " + now + " for " + Duration.ofNanos(time - since).toMillis()
                    + " ms with no task finishing" + (work == null ? "" : " and no " + workName) + ": " + lesson);
        }
    }

    /** Stops the watch's reader thread (left alone, it is a daemon and ends with the JVM). */
    public void stop() {
        if (reader != null) {
            reader.shutdownNow();
        }
    }
}
