package poolkit.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import poolkit.testsupport.EmbeddedPostgresServer;

/**
 * GIVEN: the database the benchmark measures against: a real PostgreSQL 17 (zonky's embedded binaries) on loopback,
 * set up the way production is, so that a new connection costs what it costs there: TCP, SCRAM-SHA-256 password
 * authentication and a new backend process. A plain embedded server trusts every local connection, which makes
 * connecting unrealistically cheap.
 *
 * <p>On start it creates the role {@value #USER} with a password and the database {@value #DATABASE} with the
 * trades table, then replaces {@code pg_hba.conf} so that every TCP connection must authenticate with SCRAM, reloads
 * the configuration, and checks that a wrong password is refused before it hands out a single connection.
 *
 * <p>The server is the kit's {@link EmbeddedPostgresServer} (test-support, compiled into this program): a run that is
 * killed (kill -9, an IDE's stop button, a CI timeout) leaves its PostgreSQL running, and the next start of an
 * embedded server, a benchmark run or any module's tests, stops it and deletes its folder.
 */
public final class BenchmarkDatabase implements AutoCloseable {

    public static final String USER = "trader";
    public static final String DATABASE = "trading";
    /** The server's connection limit; a strategy without a pool opens up to one connection per thread. */
    public static final int MAX_CONNECTIONS = 500;

    private static final String PASSWORD = "correct horse battery staple";
    private static final String ADMIN = "postgres";
    private static final String ADMIN_PASSWORD = "admin password";
    private static final String HBA = """
            # Written by poolkit.benchmark.BenchmarkDatabase: every TCP connection authenticates with SCRAM.
            local all all                trust
            host  all all 127.0.0.1/32   scram-sha-256
            host  all all ::1/128        scram-sha-256
            """;

    private final EmbeddedPostgresServer server;

    private BenchmarkDatabase(EmbeddedPostgresServer server) {
        this.server = server;
    }

    /** Starts the server and sets it up as described above; takes a few seconds. */
    public static BenchmarkDatabase start() {
        EmbeddedPostgresServer server = EmbeddedPostgresServer.start(builder -> builder
                .setServerConfig("password_encryption", "scram-sha-256")
                .setServerConfig("max_connections", String.valueOf(MAX_CONNECTIONS))
                .setPGStartupWait(Duration.ofSeconds(60)));
        BenchmarkDatabase database = new BenchmarkDatabase(server);
        try {
            database.requirePasswords();
            database.prepareTrades();
            return database;
        } catch (SQLException | IOException | RuntimeException e) {
            database.close();
            throw new IllegalStateException("could not set up the benchmark database: " + e.getMessage(), e);
        }
    }

    private void requirePasswords() throws SQLException, IOException {
        // Still trusted at this point: the roles get their passwords (stored as SCRAM verifiers) first.
        try (Connection admin = DriverManager.getConnection(url("postgres"), ADMIN, "");
             Statement statement = admin.createStatement()) {
            statement.execute("CREATE ROLE " + USER + " LOGIN PASSWORD '" + PASSWORD + "'");
            statement.execute("CREATE DATABASE " + DATABASE + " OWNER " + USER);
            statement.execute("ALTER ROLE " + ADMIN + " PASSWORD '" + ADMIN_PASSWORD + "'");
            try (ResultSet stored = statement.executeQuery(
                    "SELECT rolpassword LIKE 'SCRAM-SHA-256$%' FROM pg_authid WHERE rolname = '" + USER + "'")) {
                if (!stored.next() || !stored.getBoolean(1)) {
                    throw new IllegalStateException("the password of " + USER + " is not stored as a SCRAM verifier");
                }
            }
            Files.writeString(hbaFile(statement), HBA);
            statement.execute("SELECT pg_reload_conf()");
        }
        awaitWrongPasswordRefused();
    }

    /** Where the running server reads its client authentication rules from (in its data directory). */
    private static Path hbaFile(Statement admin) throws SQLException {
        try (ResultSet file = admin.executeQuery("SHOW hba_file")) {
            file.next();
            return Path.of(file.getString(1));
        }
    }

    /** The reload is asynchronous: wait until the server demands the password, and prove it does. */
    private void awaitWrongPasswordRefused() throws SQLException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            try (Connection ignored = DriverManager.getConnection(url(DATABASE), USER, "wrong password")) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("PostgreSQL still accepts a wrong password 30 s after the "
                            + "pg_hba.conf reload: the benchmark would not measure authentication");
                }
            } catch (SQLException refused) {
                if ("28P01".equals(refused.getSQLState())) { // invalid_password: SCRAM authentication is in force
                    return;
                }
                throw refused;
            }
            pause();
        }
    }

    private static void pause() {
        try {
            Thread.sleep(20); // polling another process's reload; nothing here to wait on
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for PostgreSQL to reload pg_hba.conf", e);
        }
    }

    private void prepareTrades() throws SQLException {
        try (Connection connection = newConnectionSource().getConnection()) {
            Workload.prepare(connection);
        }
    }

    /** A new, counting source of physical connections as the benchmark's user, over TCP with SCRAM. */
    public ConnectionSource newConnectionSource() {
        return new ConnectionSource(url(DATABASE), USER, PASSWORD);
    }

    /** Rows in the trades table, counted outside any pool. */
    public long tradeCount() throws SQLException {
        try (Connection connection = DriverManager.getConnection(url(DATABASE), USER, PASSWORD);
             Statement statement = connection.createStatement();
             ResultSet count = statement.executeQuery("SELECT count(*) FROM trades")) {
            count.next();
            return count.getLong(1);
        }
    }

    private String url(String database) {
        return "jdbc:postgresql://localhost:" + server.port() + "/" + database;
    }

    /** Stops the server and deletes its data. */
    @Override
    public void close() {
        server.close();
    }
}
