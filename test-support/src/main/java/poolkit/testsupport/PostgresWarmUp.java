package poolkit.testsupport;

import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.platform.engine.TestTag;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Starts the run's PostgreSQL in the background as soon as the run starts, if any test or class of the run is tagged
 * {@code postgres}, so that the start (initdb and start: seconds on a quiet machine, tens of seconds on a loaded
 * 2-core one) overlaps the H2 tests before it instead of adding to the run; and the first PostgreSQL test waits for it
 * before it starts, outside its own time limit. Without that, the first PostgreSQL test of a JVM paid for the start
 * out of its own 60 s timeout, and could fail with a bare JUnit timeout for no fault of the pool under test (seen once
 * in a soak at load 25).
 *
 * <p>Registered through META-INF/services, like {@link TaskFilter}. It only warms up: if the start fails (or
 * PostgreSQL is switched off), it does nothing more, and the test's own call to {@link TestDatabases} starts it again
 * and reports what went wrong in the test. It tries once per JVM. At the end of the run it waits for a start still in
 * progress, so that the server's shutdown hook is in place before the JVM exits (a server half started then would
 * be left running).
 */
public final class PostgresWarmUp implements TestExecutionListener {

    private static final TestTag POSTGRES = TestTag.create("postgres");
    private static final AtomicBoolean TRIED = new AtomicBoolean();
    private static volatile Thread starting;

    @Override
    public void testPlanExecutionStarted(TestPlan plan) {
        try {
            if (PostgresChoice.current() instanceof PostgresChoice.None || !hasPostgresTests(plan)
                    || !TRIED.compareAndSet(false, true)) {
                return;
            }
        } catch (RuntimeException badChoice) {
            return; // the tests report it in their own words
        }
        Thread thread = new Thread(PostgresWarmUp::start, "poolkit-postgres-warm-up");
        thread.setDaemon(true);
        starting = thread;
        thread.start();
    }

    @Override
    public void executionStarted(TestIdentifier test) {
        if (!test.getTags().contains(POSTGRES)) {
            return;
        }
        if (TRIED.compareAndSet(false, true)) {
            try {
                if (!(PostgresChoice.current() instanceof PostgresChoice.None)) {
                    start(); // a run whose plan this listener did not see start
                }
            } catch (RuntimeException badChoice) {
                // the test reports it in its own words
            }
            return;
        }
        awaitStart();
    }

    @Override
    public void testPlanExecutionFinished(TestPlan plan) {
        awaitStart();
    }

    private static boolean hasPostgresTests(TestPlan plan) {
        return plan.getRoots().stream().flatMap(root -> plan.getDescendants(root).stream())
                .anyMatch(test -> test.getTags().contains(POSTGRES));
    }

    private static void start() {
        try {
            SharedPostgres.superuser();
        } catch (Throwable startFailed) {
            // the test itself starts it again and reports the failure in its own words
        }
    }

    private static void awaitStart() {
        Thread thread = starting;
        if (thread == null) {
            return;
        }
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
