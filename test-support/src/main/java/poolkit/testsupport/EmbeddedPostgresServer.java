package poolkit.testsupport;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * A real PostgreSQL 17 server on loopback, from the binaries zonky publishes on Maven Central: no Docker and no
 * installed server. Unlike a plain embedded database it can be stopped and started again on the same port with
 * its data kept, so tests can take the database away from a pool and give it back.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    private final Path dataDirectory;
    private final Consumer<EmbeddedPostgres.Builder> customizer;
    private int port;
    private EmbeddedPostgres running;

    private EmbeddedPostgresServer(Path dataDirectory, Consumer<EmbeddedPostgres.Builder> customizer) {
        this.dataDirectory = dataDirectory;
        this.customizer = customizer;
    }

    /** Starts a new server with an empty data directory on a free port. */
    public static EmbeddedPostgresServer start() {
        return start(builder -> { });
    }

    /** Starts a new server; the customizer may set server configuration (it is applied on every start). */
    public static EmbeddedPostgresServer start(Consumer<EmbeddedPostgres.Builder> customizer) {
        try {
            EmbeddedPostgresServer server = new EmbeddedPostgresServer(Files.createTempDirectory("poolkit-pg-"), customizer);
            server.startAgain();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("could not prepare a data directory for embedded PostgreSQL", e);
        }
    }

    /** Starts the server after {@link #stop()}, on the same port and with the same data. */
    public synchronized void startAgain() {
        if (running != null) {
            return;
        }
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(false);
        if (port != 0) {
            builder.setPort(port);
        }
        customizer.accept(builder);
        try {
            running = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("embedded PostgreSQL did not start (data in " + dataDirectory + ")", e);
        }
        port = running.getPort();
    }

    /** Shuts the server down (every connection to it breaks) and keeps its data for {@link #startAgain()}. */
    public synchronized void stop() {
        if (running == null) {
            return;
        }
        try {
            running.close();
        } catch (IOException e) {
            throw new UncheckedIOException("embedded PostgreSQL did not stop cleanly", e);
        } finally {
            running = null;
        }
    }

    public synchronized boolean isRunning() {
        return running != null;
    }

    public synchronized int port() {
        return port;
    }

    /** The built-in superuser on the {@code postgres} database, over TCP on loopback. */
    public TestDatabase superuser() {
        return database("postgres");
    }

    /** The superuser on the named database of this server. */
    public TestDatabase database(String name) {
        return new TestDatabase("PostgreSQL", "jdbc:postgresql://localhost:" + port() + "/" + name, "postgres", "postgres");
    }

    /** Stops the server and deletes its data. */
    @Override
    public synchronized void close() {
        stop();
        try (Stream<Path> files = Files.walk(dataDirectory)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // The data directory is under the temporary folder; leaving it behind loses nothing.
        }
    }
}
