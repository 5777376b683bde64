package poolkit.health;

import org.awaitility.core.ConditionFactory;
import poolkit.testsupport.Concurrently;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.time.Duration;
import java.util.concurrent.Future;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.awaitility.Awaitility.await;

/** Small helpers shared by this exercise's tests. */
final class HealthTestPools {

    /** Far longer than any test runs: the background checker stays out of the way of tests that call it by hand. */
    static final Duration NEVER = Duration.ofMinutes(10);
    /** Generous upper bound for anything the pool must get done in the background, on a loaded machine. */
    static final Duration PATIENCE = Duration.ofSeconds(20);

    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private HealthTestPools() {
    }

    /**
     * An Awaitility wait of at most {@link #PATIENCE} for {@code what}, something the pool's background work must get
     * done, checked by the tests of Task {@code task}: it says what it waited for, and ends at once, with the pool's
     * state, when that work failed because a task up to {@code task} is not written yet (a background failure of the
     * pool is a {@link NotImplemented} of such a task), instead of waiting out the patience for what that task would
     * have done. A later task's stub (the refill's, while Task 5 is tested) does not end it. The pool's
     * {@link #toString()} shows only its last background failure (in a round of the health checker, the refill comes
     * after the idle check, so a refill stub hides an idle check stub); every failure also goes to the pool's log
     * writer, so the wait keeps a copy of that log (see {@link BackgroundLog}) and looks at every failure in it.
     */
    static ConditionFactory patiently(String what, HealthCheckedPool pool, int task) {
        return patiently(what, pool, task, PATIENCE);
    }

    /** Like {@link #patiently(String, HealthCheckedPool, int)}, waiting at most {@code atMost}. */
    static ConditionFactory patiently(String what, HealthCheckedPool pool, int task, Duration atMost) {
        return patiently(what, pool, task, atMost, null);
    }

    /**
     * Like {@link #patiently(String, HealthCheckedPool, int)}, for something the test's own call {@code worker} (a
     * {@code runHealthCheck()} on another thread, say) must get to while it runs: the wait also ends at once when the
     * worker has ended instead, with what it threw (a stub's "not implemented yet") or returned.
     */
    static ConditionFactory patiently(String what, HealthCheckedPool pool, int task, Future<?> worker) {
        return patiently(what, pool, task, PATIENCE, worker);
    }

    private static ConditionFactory patiently(String what, HealthCheckedPool pool, int task, Duration atMost,
                                              Future<?> worker) {
        BackgroundLog log = BackgroundLog.of(pool);
        return await(what).atMost(atMost)
                .failFast("the work this wait depends on ended or stopped at a task not written yet, so it cannot get "
                        + "this done: " + what, () -> {
                    if (worker != null && worker.isDone()) {
                        Object result;
                        try {
                            result = Concurrently.result(worker);
                        } catch (Exception | Error thrown) {
                            throw new AssertionError("the call the wait depends on ended, with: " + thrown + "; "
                                    + pool, thrown);
                        }
                        throw new AssertionError("the call the wait depends on ended, and returned " + result + "; "
                                + pool);
                    }
                    String state = pool.toString();
                    String logged = log.text();
                    if (missesTaskUpTo(state, task) || missesTaskUpTo(logged, task)) {
                        throw new AssertionError(state + (logged.isEmpty() ? "" : "; the pool's background failures "
                                + "logged during the wait: " + logged.strip()));
                    }
                });
    }

    private static boolean missesTaskUpTo(String text, int task) {
        Matcher missing = MISSING_TASK.matcher(text);
        while (missing.find()) {
            if (Integer.parseInt(missing.group(1)) <= task) {
                return true;
            }
        }
        return false;
    }

    /**
     * A copy of what the pool writes to its log writer (every background failure, one line each), kept by the pool's
     * log writer itself: installed by the first {@link #patiently} wait on the pool, passing every line on to the log
     * writer the test had set, if any. Public API only ({@code DataSource.setLogWriter}).
     */
    static final class BackgroundLog extends Writer {

        private final StringBuffer text = new StringBuffer();
        private final Writer next;

        private BackgroundLog(Writer next) {
            this.next = next;
        }

        /** The pool's log, copied from now on (or since an earlier wait on the same pool). */
        static BackgroundLog of(HealthCheckedPool pool) {
            PrintWriter current = pool.getLogWriter();
            if (current instanceof Copying copying) {
                return copying.log;
            }
            BackgroundLog log = new BackgroundLog(current);
            pool.setLogWriter(new Copying(log));
            return log;
        }

        String text() {
            return text.toString();
        }

        @Override
        public void write(char[] chars, int offset, int length) throws IOException {
            text.append(chars, offset, length);
            if (next != null) {
                next.write(chars, offset, length);
            }
        }

        @Override
        public void flush() throws IOException {
            if (next != null) {
                next.flush();
            }
        }

        @Override
        public void close() throws IOException {
            flush();
        }

        /** The log writer given to the pool. */
        private static final class Copying extends PrintWriter {
            private final BackgroundLog log;

            Copying(BackgroundLog log) {
                super(log, true);
                this.log = log;
            }
        }
    }

    /** What a {@link NotImplemented} in the pool's reported background failure says, with its task's number. */
    private static final Pattern MISSING_TASK = Pattern.compile(
            Pattern.quote(NotImplemented.class.getName()) + ": not implemented yet: Task (\\d+)");

    /** A pool name no other test uses, so that thread names tell this test's pool apart. */
    static String uniqueName(String purpose) {
        return purpose + "-" + SEQUENCE.incrementAndGet();
    }

    /**
     * A configuration for tests: no connections at start, at most 4, timeouts long enough for a loaded machine (a
     * live connection must never fail validation for being slow; a dead one fails at once anyway), no background
     * check and no validation on borrow unless the test turns them on, short refill backoff.
     */
    static HealthConfig.Builder config(String poolName) {
        return HealthConfig.builder().poolName(poolName).minConnections(0).maxConnections(4)
                .connectionTimeout(PATIENCE).healthCheckInterval(NEVER).validateOnBorrowAfter(NEVER)
                .validationTimeout(PATIENCE.dividedBy(2))
                .refillBackoffInitial(Duration.ofMillis(100)).refillBackoffMax(Duration.ofSeconds(1));
    }

    /**
     * The live threads of the named pool: those called {@code poolkit-health-<poolName>}, or that followed by
     * {@code -} and anything (a number, say), as the README asks.
     */
    static List<Thread> poolThreads(String poolName) {
        String name = "poolkit-health-" + poolName;
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .filter(thread -> thread.getName().equals(name) || thread.getName().startsWith(name + "-"))
                .toList();
    }

    /**
     * The most connect rounds a pool that backs off as configured can start within {@code window} of the database
     * going down: one at once, then one after each pause, the pauses doubling from {@code initial} up to
     * {@code max}. (Jitter may lengthen a pause, never shorten it.)
     */
    static int maxRefillRounds(Duration window, Duration initial, Duration max) {
        long elapsed = 0;
        long pause = initial.toNanos();
        int rounds = 1;
        while (elapsed + pause <= window.toNanos()) {
            elapsed += pause;
            rounds++;
            pause = Math.min(pause * 2, max.toNanos());
        }
        return rounds;
    }
}
