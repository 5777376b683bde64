package poolkit.testsupport;

import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Fresh databases for tests. H2 in memory is the fast default; PostgreSQL is real, chosen by
 * {@link PostgresChoice} and started at most once per test run (one JVM), each test getting a schema of its own.
 */
public final class TestDatabases {

    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private TestDatabases() {
    }

    /**
     * A new, empty H2 database in memory. It speaks PostgreSQL's dialect, so the kit's SQL runs on both, and it
     * lives as long as the JVM, so a pool may close all its connections without losing the data.
     */
    public static TestDatabase h2() {
        String name = "poolkit_" + SEQUENCE.incrementAndGet();
        return new TestDatabase("H2",
                "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH",
                "sa", "");
    }

    /**
     * A new, empty schema on the run's PostgreSQL, which is started on first use. A test calling this is skipped,
     * with the reason, when {@code poolkit.db=none}; it should carry {@code @Tag("postgres")}.
     */
    public static TestDatabase postgres() {
        TestDatabase server = SharedPostgres.superuser();
        String schema = "poolkit_" + ProcessHandle.current().pid() + "_" + SEQUENCE.incrementAndGet();
        try {
            server.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create schema " + schema + " on " + server + ": " + e.getMessage(), e);
        }
        String separator = server.jdbcUrl().contains("?") ? "&" : "?";
        return new TestDatabase(server.engine(), server.jdbcUrl() + separator + "currentSchema=" + schema,
                server.user(), server.password());
    }
}
