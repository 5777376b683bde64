package poolkit.faulttolerant;

import poolkit.testsupport.EmbeddedPostgresServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A real PostgreSQL 17 primary and a hot-standby replica fed by streaming replication, both on loopback and both
 * restartable: a row committed on the primary shows up on the replica a moment later.
 *
 * <p>How the replica is made, without pg_basebackup (zonky's binaries ship only initdb, pg_ctl and postgres): the
 * primary is stopped cleanly, its data directory copied (a cold base backup), and the copy told it is a standby
 * ({@code standby.signal}) and where its primary is ({@code primary_conninfo}). PostgreSQL's defaults already
 * allow it ({@code wal_level=replica}, {@code max_wal_senders=10}, and initdb's pg_hba.conf lets local replication
 * connections in); the only setting added is a short {@code wal_retrieve_retry_interval}, so that the replica
 * reconnects to a restarted primary within 100 ms instead of 5 s.
 */
final class StreamingReplication implements AutoCloseable {

    /** Files of a running server that a copy must not take: they belong to that server process. */
    private static final Set<String> RUNTIME_FILES = Set.of("postmaster.pid", "postmaster.opts", "epg-lock");

    private final Path primaryDirectory;
    private final Path replicaDirectory;
    final EmbeddedPostgresServer primary;
    final EmbeddedPostgresServer replica;

    private StreamingReplication(Path primaryDirectory, Path replicaDirectory, EmbeddedPostgresServer primary,
                                 EmbeddedPostgresServer replica) {
        this.primaryDirectory = primaryDirectory;
        this.replicaDirectory = replicaDirectory;
        this.primary = primary;
        this.replica = replica;
    }

    static StreamingReplication start() {
        try {
            Path primaryDirectory = Files.createTempDirectory("poolkit-pg-primary-");
            Path replicaDirectory = Files.createTempDirectory("poolkit-pg-replica-");
            EmbeddedPostgresServer primary = EmbeddedPostgresServer.start(builder -> builder.setDataDirectory(primaryDirectory));
            primary.stop();
            copy(primaryDirectory, replicaDirectory);
            Files.writeString(replicaDirectory.resolve("standby.signal"), "");
            Files.writeString(replicaDirectory.resolve("postgresql.auto.conf"),
                    "\nprimary_conninfo = 'host=localhost port=" + primary.port() + " user=postgres'\n"
                            // After the primary restarts, reconnect within 100 ms instead of the default 5 s.
                            + "wal_retrieve_retry_interval = '100ms'\n",
                    StandardOpenOption.APPEND);
            primary.startAgain();
            EmbeddedPostgresServer replica = EmbeddedPostgresServer.start(builder -> builder.setDataDirectory(replicaDirectory));
            return new StreamingReplication(primaryDirectory, replicaDirectory, primary, replica);
        } catch (IOException e) {
            throw new UncheckedIOException("could not set up a PostgreSQL primary and its streaming replica", e);
        }
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path source : files.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (RUNTIME_FILES.contains(source.getFileName().toString())) {
                    continue;
                }
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    @Override
    public void close() {
        replica.close();
        primary.close();
        delete(replicaDirectory);
        delete(primaryDirectory);
    }

    private static void delete(Path directory) {
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // Under the temporary folder; leaving it behind loses nothing.
        }
    }
}
