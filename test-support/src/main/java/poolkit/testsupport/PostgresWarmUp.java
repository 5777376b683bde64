package poolkit.testsupport;

import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.platform.engine.TestTag;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;

/**
 * Starts the run's PostgreSQL before the first test or class tagged {@code postgres} starts, outside that test's
 * time limit. Without it the first PostgreSQL test of a JVM pays for starting the server (initdb and start: seconds
 * on a quiet machine, tens of seconds on a loaded 2-core one) out of its own 60 s timeout, and could fail with a bare
 * JUnit timeout for no fault of the pool under test (seen once in a soak at load 25).
 *
 * <p>Registered through META-INF/services, like {@link TaskFilter}. It only warms up: if the start fails (or
 * PostgreSQL is switched off), it does nothing more, and the test's own call to {@link TestDatabases} starts it again
 * and reports what went wrong in the test. It tries once per JVM.
 */
public final class PostgresWarmUp implements TestExecutionListener {

    private static final TestTag POSTGRES = TestTag.create("postgres");
    private static final AtomicBoolean TRIED = new AtomicBoolean();

    @Override
    public void executionStarted(TestIdentifier test) {
        if (!test.getTags().contains(POSTGRES) || PostgresChoice.current() instanceof PostgresChoice.None) {
            return;
        }
        if (TRIED.compareAndSet(false, true)) {
            try {
                SharedPostgres.superuser();
            } catch (Throwable startFailed) {
                // the test itself starts it again and reports the failure in its own words
            }
        }
    }
}
