package poolkit.testsupport;

import org.junit.jupiter.api.Assumptions;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The one PostgreSQL of a test run (one JVM), started on first use and stopped when the JVM exits. Which server it
 * is follows {@link PostgresChoice}. An embedded server whose JVM is killed (no shutdown hook runs) is stopped by
 * the next run's start instead: see {@link EmbeddedPostgresServer.Leftovers}.
 */
final class SharedPostgres {

    private static TestDatabase superuser;

    private SharedPostgres() {
    }

    /** A superuser connection target on the run's server, starting it if this is the first call. */
    static synchronized TestDatabase superuser() {
        if (superuser == null) {
            superuser = start(PostgresChoice.current());
        }
        return superuser;
    }

    private static TestDatabase start(PostgresChoice choice) {
        if (choice instanceof PostgresChoice.None) {
            Assumptions.abort("PostgreSQL tests are switched off (" + PostgresChoice.PROPERTY + "=none)");
        }
        if (choice instanceof PostgresChoice.External external) {
            return new TestDatabase("PostgreSQL", external.jdbcUrl(), null, null);
        }
        if (choice instanceof PostgresChoice.Testcontainers testcontainers) {
            return startContainer(testcontainers.image());
        }
        EmbeddedPostgresServer server = EmbeddedPostgresServer.start();
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "poolkit-postgres-stop"));
        return server.superuser();
    }

    private static TestDatabase startContainer(String image) {
        PostgreSQLContainer container = new PostgreSQLContainer(image);
        container.start(); // Testcontainers' Ryuk removes the container when the JVM exits
        return new TestDatabase("PostgreSQL", container.getJdbcUrl(), container.getUsername(), container.getPassword());
    }
}
