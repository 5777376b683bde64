package poolkit.testsupport;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLWarning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("a remembering connection keeps the read-only flag and warnings that H2 drops")
class RememberingConnectionTest {

    private final TestDatabase h2 = TestDatabases.h2();

    @Test
    @DisplayName("plain H2 forgets read-only, which is why the wrapper exists")
    void h2ForgetsReadOnly() throws Exception {
        try (Connection plain = h2.connect()) {
            plain.setReadOnly(true);
            assertThat(plain.isReadOnly()).as("H2's isReadOnly() after setReadOnly(true)").isFalse();
        }
    }

    @Test
    @DisplayName("isReadOnly() answers what setReadOnly last set")
    void remembersReadOnly() throws Exception {
        RememberingConnection wrapped = RememberingConnection.wrap(h2.connect());
        try (Connection connection = wrapped.connection()) {
            assertThat(connection.isReadOnly()).as("before any setReadOnly").isFalse();
            connection.setReadOnly(true);
            assertThat(connection.isReadOnly()).as("after setReadOnly(true)").isTrue();
            connection.setReadOnly(false);
            assertThat(connection.isReadOnly()).as("after setReadOnly(false)").isFalse();
        }
    }

    @Test
    @DisplayName("warnings added by the test are reported until clearWarnings()")
    void reportsWarningsUntilCleared() throws Exception {
        RememberingConnection wrapped = RememberingConnection.wrap(h2.connect());
        try (Connection connection = wrapped.connection()) {
            assertThat((Object) connection.getWarnings()).as("warnings before any were added").isNull();
            wrapped.addWarning(new SQLWarning("first"));
            wrapped.addWarning(new SQLWarning("second"));
            SQLWarning reported = connection.getWarnings();
            assertThat((Object) reported).as("warnings after two were added").isNotNull();
            assertThat(reported.getMessage()).isEqualTo("first");
            assertThat(reported.getNextWarning().getMessage()).isEqualTo("second");
            connection.clearWarnings();
            assertThat((Object) connection.getWarnings()).as("warnings after clearWarnings()").isNull();
        }
    }

    @Test
    @DisplayName("everything else reaches the real connection, and a closed one still fails")
    void forwardsTheRest() throws Exception {
        RememberingConnection wrapped = RememberingConnection.wrap(h2.connect());
        Connection connection = wrapped.connection();
        assertThat(Sql.selectOne(connection)).isEqualTo(1);
        assertThat(connection.equals(wrapped.connection())).as("the wrapper equals itself").isTrue();
        assertThat(connection.hashCode()).as("its hash code, twice").isEqualTo(wrapped.connection().hashCode());
        connection.close();
        assertThat(connection.isClosed()).as("isClosed() after close()").isTrue();
        assertThatThrownBy(connection::isReadOnly).as("isReadOnly() on a closed connection")
                .isInstanceOf(SQLException.class);
    }
}
