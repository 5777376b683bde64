package poolkit.testsupport;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("poolkit.db chooses the PostgreSQL of the run")
class PostgresChoiceTest {

    @Test
    @DisplayName("nothing set means embedded PostgreSQL")
    void defaultIsEmbedded() {
        assertThat(PostgresChoice.resolve(null, Map.of())).isEqualTo(new PostgresChoice.Embedded());
        assertThat(PostgresChoice.resolve("", Map.of())).isEqualTo(new PostgresChoice.Embedded());
    }

    @Test
    @DisplayName("testcontainers, with the default or a chosen image")
    void testcontainers() {
        assertThat(PostgresChoice.parse("testcontainers"))
                .isEqualTo(new PostgresChoice.Testcontainers(PostgresChoice.DEFAULT_IMAGE));
        assertThat(PostgresChoice.parse("Testcontainers:postgres:16"))
                .isEqualTo(new PostgresChoice.Testcontainers("postgres:16"));
    }

    @Test
    @DisplayName("a JDBC URL means an external server, kept as written")
    void externalUrl() {
        String url = "jdbc:postgresql://db.local:5432/kit?user=me&password=Secret";
        assertThat(PostgresChoice.parse(url)).isEqualTo(new PostgresChoice.External(url));
    }

    @Test
    @DisplayName("none switches PostgreSQL tests off")
    void none() {
        assertThat(PostgresChoice.parse("none")).isEqualTo(new PostgresChoice.None());
    }

    @Test
    @DisplayName("the system property wins over the environment variable")
    void propertyWinsOverEnvironment() {
        Map<String, String> environment = Map.of(PostgresChoice.ENVIRONMENT_VARIABLE, "none");
        assertThat(PostgresChoice.resolve("testcontainers", environment)).isInstanceOf(PostgresChoice.Testcontainers.class);
        assertThat(PostgresChoice.resolve(null, environment)).isEqualTo(new PostgresChoice.None());
    }

    @Test
    @DisplayName("an unknown value is rejected with the list of valid ones")
    void unknownValue() {
        assertThatThrownBy(() -> PostgresChoice.parse("mysql"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("poolkit.db=mysql")
                .hasMessageContaining("embedded")
                .hasMessageContaining("testcontainers")
                .hasMessageContaining("jdbc:postgresql://");
    }
}
