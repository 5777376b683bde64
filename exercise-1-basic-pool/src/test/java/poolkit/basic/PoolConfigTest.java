package poolkit.basic;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

@DisplayName("Task 1: the configuration is validated")
class PoolConfigTest {

    @Test
    @DisplayName("the defaults are the lesson's: 5 / 20 connections, 30 s timeout, 30 min lifetime, 10 min idle")
    void defaults() {
        PoolConfig config = PoolConfig.defaults();
        assertThat(config.minConnections()).as("default minConnections").isEqualTo(5);
        assertThat(config.maxConnections()).as("default maxConnections").isEqualTo(20);
        assertThat(config.connectionTimeout()).as("default connectionTimeout").isEqualTo(Duration.ofSeconds(30));
        assertThat(config.maxLifetime()).as("default maxLifetime").isEqualTo(Duration.ofMinutes(30));
        assertThat(config.idleTimeout()).as("default idleTimeout").isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    @DisplayName("min equal to max, and min of zero, are valid")
    void edgeValuesAreValid() {
        assertThat(PoolConfig.builder().minConnections(3).maxConnections(3).build().maxConnections()).isEqualTo(3);
        assertThat(PoolConfig.builder().minConnections(0).maxConnections(1).build().minConnections()).isZero();
    }

    @Test
    @DisplayName("toBuilder() starts from the configuration's values, and what it builds is validated too")
    void toBuilderStartsFromTheValues() {
        PoolConfig config = PoolConfig.builder().minConnections(2).maxConnections(7)
                .connectionTimeout(Duration.ofSeconds(3)).maxLifetime(Duration.ofMinutes(4))
                .idleTimeout(Duration.ofMinutes(5)).build();
        assertThat(config.toBuilder().build()).as("toBuilder().build() of %s", config).isEqualTo(config);
        assertThat(catchThrowable(() -> config.toBuilder().minConnections(8).build()))
                .as("toBuilder().minConnections(8).build() of a configuration with maxConnections=7")
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("minConnections greater than maxConnections is rejected, naming both")
    void minAboveMax() {
        assertThat(catchThrowable(() -> PoolConfig.builder().minConnections(11).maxConnections(10).build()))
                .as("PoolConfig with minConnections=11 > maxConnections=10")
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("minConnections")
                .hasMessageContaining("maxConnections");
    }

    @ParameterizedTest(name = "maxConnections = {0}")
    @ValueSource(ints = {0, -1})
    @DisplayName("maxConnections below 1 is rejected, naming the field")
    void maxBelowOne(int max) {
        assertThat(catchThrowable(() -> PoolConfig.builder().minConnections(0).maxConnections(max).build()))
                .as("PoolConfig with maxConnections=" + max)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxConnections");
    }

    @Test
    @DisplayName("negative minConnections is rejected, naming the field")
    void negativeMin() {
        assertThat(catchThrowable(() -> PoolConfig.builder().minConnections(-1).build()))
                .as("PoolConfig with minConnections=-1")
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("minConnections");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"connectionTimeout", "maxLifetime", "idleTimeout"})
    @DisplayName("a zero, negative or missing duration is rejected, naming the field")
    void badDurations(String field) {
        for (Duration bad : new Duration[] {Duration.ZERO, Duration.ofMillis(-1), null}) {
            assertThat(catchThrowable(() -> withDuration(field, bad).build()))
                    .as("PoolConfig with %s=%s", field, bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(field);
        }
    }

    @Test
    @DisplayName("a PoolConfig made with its constructor, not the builder, is validated the same way")
    void constructorValidatesToo() {
        Duration second = Duration.ofSeconds(1);
        assertThat(new PoolConfig(1, 2, second, second, second).maxConnections())
                .as("maxConnections of a valid PoolConfig made with new PoolConfig(1, 2, 1 s, 1 s, 1 s)").isEqualTo(2);
        Object[][] invalid = {
                {"maxConnections", new Object[] {0, 0, second, second, second}},
                {"minConnections", new Object[] {-1, 5, second, second, second}},
                {"maxConnections", new Object[] {6, 5, second, second, second}},
                {"connectionTimeout", new Object[] {0, 5, null, second, second}},
                {"maxLifetime", new Object[] {0, 5, second, Duration.ZERO, second}},
                {"idleTimeout", new Object[] {0, 5, second, second, Duration.ofMillis(-1)}},
        };
        for (Object[] bad : invalid) {
            String field = (String) bad[0];
            Object[] values = (Object[]) bad[1];
            assertThat(catchThrowable(() -> new PoolConfig((int) values[0], (int) values[1], (Duration) values[2],
                    (Duration) values[3], (Duration) values[4])))
                    .as("new PoolConfig(%s, %s, %s, %s, %s), without the builder: validate in the record's compact "
                            + "constructor, which every way of making a PoolConfig goes through", values)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(field);
        }
    }

    private static PoolConfig.Builder withDuration(String field, Duration value) {
        PoolConfig.Builder builder = PoolConfig.builder();
        return switch (field) {
            case "connectionTimeout" -> builder.connectionTimeout(value);
            case "maxLifetime" -> builder.maxLifetime(value);
            case "idleTimeout" -> builder.idleTimeout(value);
            default -> throw new IllegalArgumentException(field);
        };
    }
}
