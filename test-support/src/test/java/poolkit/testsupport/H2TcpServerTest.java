package poolkit.testsupport;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("the H2 TCP server can be taken away and brought back")
class H2TcpServerTest {

    @Test
    @DisplayName("stopping breaks open connections and refuses new ones; starting again keeps port and data")
    void stopAndStartAgain() throws Exception {
        try (H2TcpServer server = H2TcpServer.start()) {
            TestDatabase database = server.database("trading");
            database.execute("CREATE TABLE kept (n INT)", "INSERT INTO kept VALUES (42)");
            Connection open = database.connect();

            server.stop();
            assertThatThrownBy(() -> open.createStatement().executeQuery("SELECT 1"))
                    .as("a query on a connection opened before the server stopped")
                    .isInstanceOf(SQLException.class);
            assertThatThrownBy(database::connect).as("connecting while stopped").isInstanceOf(SQLException.class);

            server.startAgain();
            assertThat(database.queryForLong("SELECT n FROM kept")).isEqualTo(42);
            open.close();
        }
    }
}
