package poolkit.testsupport;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A killed test JVM must not leave its PostgreSQL server running: the next run stops it. The real thing is tested
 * with a child JVM that starts a server and is then killed. Each test uses a temporary directory of its own (the
 * child gets it as java.io.tmpdir), so other test runs on the machine never see these folders, nor these tests
 * theirs.
 */
@DisplayName("a server whose JVM is gone is stopped and its folder deleted by the next run; others are never touched")
class EmbeddedPostgresLeftoversTest {

    private static final Duration CHILD_START = Duration.ofMinutes(2);

    @TempDir
    Path temporaryDirectory;

    @Test
    @Tag("postgres")
    @DisplayName("a killed JVM's server keeps running until the next run's reaper stops it; a live JVM's is left alone")
    void killedJvmsServerIsStoppedAndDeleted() throws Exception {
        Child child = Child.start(temporaryDirectory, "server");
        try {
            Path home = Path.of(child.report.get("home"));
            long postmasterPid = Long.parseLong(child.report.get("postmaster"));
            TestDatabase database = new TestDatabase("PostgreSQL",
                    "jdbc:postgresql://localhost:" + child.report.get("port") + "/postgres", "postgres", "postgres");
            assertThat(postgresProcess(postmasterPid)).as("the child's postmaster (pid in postmaster.pid), running").isPresent();

            assertThat(EmbeddedPostgresServer.Leftovers.reap(temporaryDirectory))
                    .as("folders reaped while their JVM is alive").isEmpty();
            assertThat(home).as("a live JVM's server folder").isDirectory();
            assertThat(database.queryForLong("SELECT 1")).as("a live JVM's server still answers").isEqualTo(1);

            child.process.destroyForcibly();
            assertThat(child.process.waitFor(1, TimeUnit.MINUTES)).as("the child JVM ended after SIGKILL").isTrue();
            assertThat(postgresProcess(postmasterPid))
                    .as("the postmaster after its JVM was killed: it is a process of its own and keeps running")
                    .isPresent();

            assertThat(EmbeddedPostgresServer.Leftovers.reap(temporaryDirectory))
                    .as("folders reaped once their JVM is gone").containsExactly(home);
            assertThat(ProcessHandle.of(postmasterPid).filter(ProcessHandle::isAlive))
                    .as("the dead JVM's postmaster (pid %d) after the reaper", postmasterPid).isEmpty();
            assertThat(home).as("the dead JVM's server folder after the reaper").doesNotExist();
        } finally {
            child.end();
        }
    }

    @Test
    @DisplayName("a folder of a JVM that is gone is deleted even when its server never started")
    void folderOfDeadJvmWithoutServerIsDeleted() throws Exception {
        Path home = fakeHome("dead", deadOwner());

        assertThat(EmbeddedPostgresServer.Leftovers.reap(temporaryDirectory)).containsExactly(home);
        assertThat(home).doesNotExist();
    }

    @Test
    @DisplayName("a marker naming a live process that started at another time (a reused pid) is a dead owner's")
    void reusedPidIsNotTheOwner() throws Exception {
        ProcessHandle self = ProcessHandle.current();
        long started = self.info().startInstant().orElseThrow().toEpochMilli();
        Path reused = fakeHome("reused", Map.of("pid", Long.toString(self.pid()), "started", Long.toString(started - 60_000)));
        Path live = fakeHome("live", Map.of("pid", Long.toString(self.pid()), "started", Long.toString(started)));

        assertThat(EmbeddedPostgresServer.Leftovers.reap(temporaryDirectory)).containsExactly(reused);
        assertThat(live).as("the folder of this (live) JVM").isDirectory();
    }

    @Test
    @DisplayName("a folder without a marker, or with one that is unreadable, is never touched")
    void foldersNotMadeByTheServerAreLeftAlone() throws Exception {
        Path unmarked = Files.createDirectory(temporaryDirectory.resolve(EmbeddedPostgresServer.Leftovers.PREFIX + "unmarked"));
        Path garbled = fakeHome("garbled", Map.of("pid", "not a pid"));

        assertThat(EmbeddedPostgresServer.Leftovers.reap(temporaryDirectory)).isEmpty();
        assertThat(unmarked).isDirectory();
        assertThat(garbled).isDirectory();
    }

    @Test
    @DisplayName("a pid in postmaster.pid that now belongs to a process other than postgres is never signalled")
    void pidReusedByAnotherProcessIsNotSignalled() throws Exception {
        Child bystander = Child.start(temporaryDirectory, "idle");
        try {
            Path home = fakeHome("bystander", deadOwner());
            Files.createDirectories(home.resolve("data"));
            Files.writeString(home.resolve("data").resolve("postmaster.pid"), bystander.process.pid() + "\n");

            assertThat(EmbeddedPostgresServer.Leftovers.reap(temporaryDirectory)).containsExactly(home);
            assertThat(bystander.process.isAlive()).as("the non-postgres process whose pid was in postmaster.pid").isTrue();
        } finally {
            bystander.end();
        }
    }

    @Test
    @DisplayName("a folder a reaper claimed and then died on is taken over by the next reaper")
    void abandonedClaimIsTakenOver() throws Exception {
        Path home = fakeHome("abandoned", deadOwner());
        Files.move(home.resolve(EmbeddedPostgresServer.Leftovers.OWNER),
                home.resolve(EmbeddedPostgresServer.Leftovers.CLAIMED + Integer.MAX_VALUE)); // no such pid

        assertThat(EmbeddedPostgresServer.Leftovers.reap(temporaryDirectory)).containsExactly(home);
    }

    private Path fakeHome(String name, Map<String, String> marker) throws IOException {
        Path home = Files.createDirectory(temporaryDirectory.resolve(EmbeddedPostgresServer.Leftovers.PREFIX + name));
        Properties properties = new Properties();
        properties.putAll(marker);
        properties.setProperty("data", home.resolve("data").toString());
        try (var out = Files.newBufferedWriter(home.resolve(EmbeddedPostgresServer.Leftovers.OWNER))) {
            properties.store(out, null);
        }
        return home;
    }

    /**
     * A marker of a JVM that is gone: the pid of a process that has ended (java -version), started a day ago. Should
     * the pid be reused at once, the process holding it did not start a day ago, so it is not this owner either.
     */
    private static Map<String, String> deadOwner() throws Exception {
        Process process = new ProcessBuilder(javaBinary(), "-version").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertThat(process.waitFor(1, TimeUnit.MINUTES)).as("java -version ended").isTrue();
        long aDayAgo = System.currentTimeMillis() - Duration.ofDays(1).toMillis();
        return Map.of("pid", Long.toString(process.pid()), "started", Long.toString(aDayAgo));
    }

    private static Optional<ProcessHandle> postgresProcess(long pid) {
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                .filter(process -> process.info().command().orElse("").endsWith("postgres"));
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** A JVM of its own on this test's class path, running {@link #main} and reporting "key=value" lines. */
    record Child(Process process, Map<String, String> report, Path errors) {

        static Child start(Path temporaryDirectory, String mode) throws Exception {
            Path errors = Files.createTempFile(temporaryDirectory, "child-", ".err");
            String binaries = System.getProperty("ot.epg.working-dir",
                    Path.of(System.getProperty("java.io.tmpdir"), "embedded-pg").toString());
            // Under surefire java.class.path is the tests' full class path (also with a manifest-only booter jar).
            Process process = new ProcessBuilder(javaBinary(),
                    "-Djava.io.tmpdir=" + temporaryDirectory,
                    "-Dot.epg.working-dir=" + binaries, // the PostgreSQL binaries already unpacked, not a second copy
                    "-cp", System.getProperty("java.class.path"),
                    EmbeddedPostgresLeftoversTest.class.getName() + "$Child", mode)
                    .redirectError(errors.toFile()).start();
            BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            Map<String, String> report = CompletableFuture.supplyAsync(() -> readReport(lines))
                    .completeOnTimeout(null, CHILD_START.toMillis(), TimeUnit.MILLISECONDS).get();
            Child child = new Child(process, report, errors);
            if (report == null || !report.containsKey("ready")) {
                child.end();
                throw new AssertionError("the child JVM (" + mode + ") did not report ready within " + CHILD_START
                        + "; it printed " + report + " and on stderr:\n" + Files.readString(errors));
            }
            return child;
        }

        private static Map<String, String> readReport(BufferedReader lines) {
            Map<String, String> report = new HashMap<>();
            try {
                for (String line; (line = lines.readLine()) != null; ) {
                    int equals = line.indexOf('=');
                    if (equals > 0) {
                        report.put(line.substring(0, equals), line.substring(equals + 1));
                    }
                    if (line.equals("ready=yes")) {
                        break;
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return report;
        }

        /** Ends the child (closing its stdin lets a live one close its server) and whatever it left in this test's folder. */
        void end() throws Exception {
            try {
                process.getOutputStream().close();
            } catch (IOException e) {
                // already gone
            }
            if (!process.waitFor(1, TimeUnit.MINUTES)) {
                process.destroyForcibly().waitFor();
            }
            EmbeddedPostgresServer.Leftovers.reap(errors.getParent());
        }

        /**
         * The child JVM. "server": starts an embedded PostgreSQL and reports its folder, postmaster pid and port.
         * "idle": starts nothing. Both then wait until their stdin closes (the test ends them), or are killed.
         */
        public static void main(String[] args) throws Exception {
            if (args[0].equals("server")) {
                try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start()) {
                    Path data = EmbeddedPostgresServer.Leftovers.defaultDataDirectory(server.home());
                    System.out.println("home=" + server.home());
                    System.out.println("postmaster=" + EmbeddedPostgresServer.Leftovers.postmaster(data).orElseThrow().pid());
                    System.out.println("port=" + server.port());
                    waitForStdinToClose();
                }
            } else {
                waitForStdinToClose();
            }
        }

        private static void waitForStdinToClose() throws IOException {
            System.out.println("ready=yes");
            System.out.flush();
            while (System.in.read() != -1) {
                // nothing to read: the parent only ever closes it
            }
        }
    }
}
