package poolkit.testsupport;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * A real PostgreSQL 17 server on loopback, from the binaries zonky publishes on Maven Central: no Docker and no
 * installed server. Unlike a plain embedded database it can be stopped and started again on the same port with
 * its data kept, so tests can take the database away from a pool and give it back.
 *
 * <p>The server is a process of its own ({@code pg_ctl} starts it detached), so it outlives a JVM that is killed
 * (an IDE's stop button, a CI timeout, PIT ending its test JVMs). Each server therefore lives in a folder
 * {@code poolkit-pg-*} under the temporary directory that names the JVM owning it (see {@link Leftovers}), and
 * every {@link #start()} first stops the servers of JVMs that are gone and deletes their folders.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    private final Path home;
    private final Consumer<EmbeddedPostgres.Builder> customizer;
    private int port;
    private EmbeddedPostgres running;

    private EmbeddedPostgresServer(Path home, Consumer<EmbeddedPostgres.Builder> customizer) {
        this.home = home;
        this.customizer = customizer;
    }

    /** Starts a new server with an empty data directory on a free port. */
    public static EmbeddedPostgresServer start() {
        return start(builder -> { });
    }

    /**
     * Starts a new server; the customizer may set server configuration, or another data directory (it is applied
     * on every start). It must not set a data directory customizer: the server uses that hook to record where the
     * data is, so that a run after a killed JVM can find and stop the server.
     */
    public static EmbeddedPostgresServer start(Consumer<EmbeddedPostgres.Builder> customizer) {
        Leftovers.reap();
        EmbeddedPostgresServer server = new EmbeddedPostgresServer(Leftovers.newHome(), customizer);
        server.startAgain();
        return server;
    }

    /** Starts the server after {@link #stop()}, on the same port and with the same data. */
    public synchronized void startAgain() {
        if (running != null) {
            return;
        }
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(Leftovers.defaultDataDirectory(home))
                .setCleanDataDirectory(false)
                // Called with the data directory in use (the customizer may change it) just before the server starts.
                .setDataDirectoryCustomizer(directory -> Leftovers.recordDataDirectory(home, directory.toPath()));
        if (port != 0) {
            builder.setPort(port);
        }
        customizer.accept(builder);
        try {
            running = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("embedded PostgreSQL did not start (its folder is " + home + ")", e);
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

    /** The folder under the temporary directory that holds this server's owner marker and, by default, its data. */
    Path home() {
        return home;
    }

    /** The built-in superuser on the {@code postgres} database, over TCP on loopback. */
    public TestDatabase superuser() {
        return database("postgres");
    }

    /** The superuser on the named database of this server. */
    public TestDatabase database(String name) {
        return new TestDatabase("PostgreSQL", "jdbc:postgresql://localhost:" + port() + "/" + name, "postgres", "postgres");
    }

    /** Stops the server and deletes its folder (a data directory set by the customizer is the caller's to delete). */
    @Override
    public synchronized void close() {
        stop();
        Leftovers.delete(home);
    }

    /**
     * Finds and stops what a dead JVM left: embedded PostgreSQL servers still running, and their folders.
     *
     * <p>Each server's folder ({@code poolkit-pg-*} under {@code java.io.tmpdir}) holds a marker file,
     * {@value #OWNER}, with the owning JVM's pid and start time and the server's data directory. A folder whose
     * owner is no longer running (no process with that pid, or one started at another time: a reused pid) is
     * claimed by renaming its marker (so two JVMs never reap the same folder), its postmaster is stopped (the pid
     * in {@code postmaster.pid}, signalled only if that process is a {@code postgres} serving this data
     * directory: SIGTERM, then SIGKILL after a few seconds), and the folder is deleted. A folder without a marker
     * is never touched, and neither is one whose owner is alive, even while its server is stopped.
     *
     * <p>This class uses nothing but the JDK, so it also runs on its own:
     * {@code java -cp <test classes> 'poolkit.testsupport.EmbeddedPostgresServer$Leftovers'}.
     */
    public static final class Leftovers {

        static final String PREFIX = "poolkit-pg-";
        static final String OWNER = "owner";
        /** The marker's name once a reaper has claimed the folder; the reaper's pid follows it. */
        static final String CLAIMED = "reaped-by-";
        private static final Duration STOP_WAIT = Duration.ofSeconds(5);

        private Leftovers() {
        }

        /** Stops every server a dead JVM left in the temporary directory and deletes its folder; prints what it did. */
        public static void main(String[] args) {
            List<Path> reaped = reap();
            System.out.println("embedded PostgreSQL left by dead JVMs: " + reaped.size() + " stopped and deleted");
        }

        /** Reaps the leftovers in {@code java.io.tmpdir}; returns the folders this call deleted. */
        static synchronized List<Path> reap() {
            return reap(Path.of(System.getProperty("java.io.tmpdir")));
        }

        static List<Path> reap(Path temporaryDirectory) {
            List<Path> reaped = new ArrayList<>();
            try (DirectoryStream<Path> homes = Files.newDirectoryStream(temporaryDirectory, PREFIX + "*")) {
                for (Path home : homes) {
                    try {
                        if (Files.isDirectory(home) && reapIfOrphaned(home)) {
                            reaped.add(home);
                        }
                    } catch (IOException | RuntimeException e) {
                        // A folder changing under us (its owner deleting it, another reaper) is looked at next run.
                    }
                }
            } catch (IOException | RuntimeException e) {
                // Cleaning up after others must never fail this run's tests.
                System.err.println("poolkit: could not look for embedded PostgreSQL left by dead JVMs: " + e);
            }
            return reaped;
        }

        /** A new folder for a server, marked as this JVM's before anything is started in it. */
        static Path newHome() {
            try {
                Path home = Files.createTempDirectory(PREFIX);
                writeMarker(home, defaultDataDirectory(home));
                return home;
            } catch (IOException e) {
                throw new UncheckedIOException("could not prepare a folder for embedded PostgreSQL", e);
            }
        }

        /** initdb wants an empty folder, so the data lives beside the marker, not with it. */
        static Path defaultDataDirectory(Path home) {
            return home.resolve("data");
        }

        static void recordDataDirectory(Path home, Path dataDirectory) {
            try {
                writeMarker(home, dataDirectory.toAbsolutePath());
            } catch (IOException e) {
                throw new UncheckedIOException("could not record the data directory in " + home, e);
            }
        }

        private static void writeMarker(Path home, Path dataDirectory) throws IOException {
            ProcessHandle self = ProcessHandle.current();
            Properties marker = new Properties();
            marker.setProperty("pid", Long.toString(self.pid()));
            self.info().startInstant().ifPresent(start -> marker.setProperty("started", Long.toString(start.toEpochMilli())));
            marker.setProperty("data", dataDirectory.toString());
            // Written aside and moved into place, so that a reaper never reads half a marker.
            Path draft = home.resolve(OWNER + ".new");
            try (Writer out = Files.newBufferedWriter(draft)) {
                marker.store(out, "poolkit: the JVM that owns this embedded PostgreSQL. Once that JVM is gone, the next "
                        + "run stops the server and deletes this folder.");
            }
            try {
                Files.move(draft, home.resolve(OWNER), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(draft, home.resolve(OWNER), StandardCopyOption.REPLACE_EXISTING);
            }
        }

        private static boolean reapIfOrphaned(Path home) throws IOException {
            Path marker = home.resolve(OWNER);
            if (!Files.exists(marker)) {
                marker = abandonedClaim(home);
                if (marker == null) {
                    return false; // not made by this class, or being reaped right now by a live JVM
                }
            }
            Properties owner = read(marker);
            if (owner == null || (marker.endsWith(OWNER) && isAlive(owner.getProperty("pid"), owner.getProperty("started")))) {
                return false;
            }
            Path claim = home.resolve(CLAIMED + ProcessHandle.current().pid());
            try {
                Files.move(marker, claim, StandardCopyOption.ATOMIC_MOVE);
            } catch (NoSuchFileException e) {
                return false; // another JVM claimed it first
            }
            Path dataDirectory = Path.of(owner.getProperty("data", defaultDataDirectory(home).toString()));
            Optional<ProcessHandle> postmaster = postmaster(dataDirectory);
            if (postmaster.isPresent() && !stop(postmaster.get())) {
                Files.move(claim, marker.resolveSibling(OWNER), StandardCopyOption.ATOMIC_MOVE); // try again next run
                return false;
            }
            if (!dataDirectory.startsWith(home) && isOwnFolderName(dataDirectory, home.getParent())) {
                delete(dataDirectory);
            }
            delete(home);
            System.err.println("poolkit: a JVM that is gone (pid " + owner.getProperty("pid") + ") left " + home
                    + postmaster.map(process -> " with its PostgreSQL running: stopped it (pid " + process.pid() + ") and")
                            .orElse(":") + " deleted the folder");
            return true;
        }

        /** A claim whose reaper died before it finished (its marker was renamed but the folder is still there). */
        private static Path abandonedClaim(Path home) throws IOException {
            try (Stream<Path> files = Files.list(home)) {
                return files.filter(file -> file.getFileName().toString().startsWith(CLAIMED))
                        .filter(file -> !isAlive(file.getFileName().toString().substring(CLAIMED.length()), null))
                        .findFirst().orElse(null);
            }
        }

        /** Stops a postmaster; true once it has exited. */
        private static boolean stop(ProcessHandle server) {
            List<ProcessHandle> workers = server.children().toList();
            server.destroy(); // SIGTERM: a smart shutdown, quick once the dead JVM's connections are gone
            if (!exited(server)) {
                server.destroyForcibly();
                exited(server);
            }
            workers.forEach(ProcessHandle::destroyForcibly); // those still there after their postmaster died
            workers.forEach(Leftovers::exited);
            return !server.isAlive();
        }

        /**
         * The process whose pid is the first line of the data directory's {@code postmaster.pid}, if it still runs
         * and is a postgres serving that data directory (with zonky running PostgreSQL through {@code unshare -U}
         * as root, that pid is still the postmaster's own, in the same pid namespace); empty otherwise, e.g. when
         * the server stopped and its pid went to an unrelated process.
         */
        static Optional<ProcessHandle> postmaster(Path dataDirectory) {
            long pid;
            try (Stream<String> lines = Files.lines(dataDirectory.resolve("postmaster.pid"))) {
                pid = Long.parseLong(lines.findFirst().orElse("").trim());
            } catch (IOException | NumberFormatException | UncheckedIOException e) {
                return Optional.empty();
            }
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).filter(process -> {
                ProcessHandle.Info info = process.info();
                String command = info.command().map(path -> Path.of(path).getFileName().toString()).orElse("");
                boolean postgres = command.equals("postgres") || command.equals("postgres.exe");
                boolean ourData = info.arguments()
                        .map(arguments -> List.of(arguments).contains(dataDirectory.toString()))
                        .orElse(true); // arguments not shown on this platform: the command has to do
                return postgres && ourData;
            });
        }

        private static boolean exited(ProcessHandle process) {
            try {
                process.onExit().get(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS);
                return true;
            } catch (TimeoutException | ExecutionException e) {
                return !process.isAlive();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return !process.isAlive();
            }
        }

        /** True while the JVM with this pid runs; a process with the pid but another start time is someone else. */
        static boolean isAlive(String pid, String startedMillis) {
            Optional<ProcessHandle> process;
            try {
                process = ProcessHandle.of(Long.parseLong(pid.trim())).filter(ProcessHandle::isAlive);
            } catch (NumberFormatException | NullPointerException e) {
                return true; // a marker this class did not write: better leave the folder than kill a server in use
            }
            if (process.isEmpty()) {
                return false;
            }
            Optional<Instant> started = process.get().info().startInstant();
            if (startedMillis == null || started.isEmpty()) {
                return true;
            }
            return Math.abs(started.get().toEpochMilli() - Long.parseLong(startedMillis.trim())) <= 1_000;
        }

        private static Properties read(Path marker) {
            Properties properties = new Properties();
            try (Reader in = Files.newBufferedReader(marker)) {
                properties.load(in);
                return properties.getProperty("pid") == null ? null : properties;
            } catch (IOException | IllegalArgumentException e) {
                return null;
            }
        }

        private static boolean isOwnFolderName(Path dataDirectory, Path temporaryDirectory) {
            return dataDirectory.getParent() != null && dataDirectory.getParent().equals(temporaryDirectory)
                    && dataDirectory.getFileName().toString().startsWith(PREFIX);
        }

        /** Deletes a folder and what is in it; a file a dying server still writes is picked up by another pass. */
        static void delete(Path folder) {
            for (int pass = 0; pass < 3 && Files.exists(folder); pass++) {
                try (Stream<Path> files = Files.walk(folder)) {
                    files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
                } catch (IOException | UncheckedIOException e) {
                    // Files vanishing under the walk; the next pass sees what is left.
                }
            }
        }
    }
}
