package poolkit.testsupport;

import org.h2.tools.Server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * An H2 database server on loopback that tests can take away and bring back: {@link #stop()} breaks every open
 * connection and refuses new ones; {@link #startAgain()} serves again on the same port with the data kept (the
 * databases are files in a temporary folder). The cheap stand-in for a database that crashes and restarts.
 */
public final class H2TcpServer implements AutoCloseable {

    private final Path baseDirectory;
    private final int port;
    private Server server;

    private H2TcpServer(Path baseDirectory, int port) {
        this.baseDirectory = baseDirectory;
        this.port = port;
    }

    /** Starts a server on a free port, with no databases yet (each is created on first connect). */
    public static H2TcpServer start() {
        try {
            H2TcpServer h2 = new H2TcpServer(Files.createTempDirectory("poolkit-h2-"), freePort());
            h2.startAgain();
            return h2;
        } catch (IOException e) {
            throw new UncheckedIOException("could not prepare a folder for the H2 server", e);
        }
    }

    /** Serves again after {@link #stop()}, on the same port and with the same data. */
    public synchronized void startAgain() {
        if (server != null) {
            return;
        }
        try {
            server = Server.createTcpServer("-tcpPort", String.valueOf(port), "-baseDir", baseDirectory.toString(),
                    "-ifNotExists").start();
        } catch (SQLException e) {
            throw new IllegalStateException("the H2 server did not start on port " + port + ": " + e.getMessage(), e);
        }
    }

    /** Stops serving: open connections break, new ones are refused, until {@link #startAgain()}. */
    public synchronized void stop() {
        if (server != null) {
            server.stop();
            server = null;
        }
    }

    public synchronized boolean isRunning() {
        return server != null;
    }

    public int port() {
        return port;
    }

    /** The named database on this server (created on first connect), in PostgreSQL mode like {@link TestDatabases#h2()}. */
    public TestDatabase database(String name) {
        return new TestDatabase("H2", "jdbc:h2:tcp://localhost:" + port + "/./" + name
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH", "sa", "");
    }

    /** Stops the server and deletes its databases. */
    @Override
    public synchronized void close() {
        stop();
        try (Stream<Path> files = Files.walk(baseDirectory)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // The folder is under the temporary directory; leaving it behind loses nothing.
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
