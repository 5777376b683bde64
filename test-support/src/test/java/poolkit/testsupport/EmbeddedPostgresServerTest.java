package poolkit.testsupport;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Tag("postgres")
@DisplayName("embedded PostgreSQL is a real server that can be stopped and started again")
class EmbeddedPostgresServerTest {

    @Test
    @DisplayName("it answers over TCP, refuses while stopped, and keeps its data, folder and port across a restart (another run reaping meanwhile)")
    void stopAndStartAgain() throws Exception {
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start()) {
            TestDatabase database = server.superuser();
            assertThat(database.queryForLong("SELECT current_setting('server_version_num')::int / 10000"))
                    .as("major version of the embedded server").isEqualTo(17);
            database.execute("CREATE TABLE kept (n int)", "INSERT INTO kept VALUES (42)");
            int port = server.port();

            server.stop();
            assertThat(server.isRunning()).isFalse();
            assertThatThrownBy(database::connect).isInstanceOf(SQLException.class);
            EmbeddedPostgresServer.Leftovers.reap(); // as another run starting now does: its JVM is alive, so it stays
            assertThat(server.home()).as("the folder of a stopped server whose JVM is alive, after a reaper ran").isDirectory();

            server.startAgain();
            assertThat(server.port()).isEqualTo(port);
            assertThat(database.queryForLong("SELECT n FROM kept")).isEqualTo(42);
        }
    }

    @Test
    @DisplayName("each test gets a schema of its own on the run's shared server")
    void freshSchemas() throws Exception {
        TestDatabase first = TestDatabases.postgres();
        TestDatabase second = TestDatabases.postgres();
        first.execute("CREATE TABLE only_here (n int)");
        assertThat(first.queryForLong("SELECT count(*) FROM only_here")).isZero();
        assertThatThrownBy(() -> second.queryForLong("SELECT count(*) FROM only_here"))
                .isInstanceOf(SQLException.class);
    }
}
