package poolkit.health;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("Task 1: the health settings are validated")
class HealthConfigTest {

    @Test
    @DisplayName("the defaults build, and zero validateOnBorrowAfter and a null validationQuery are allowed")
    void validSettingsBuild() {
        HealthConfig defaults = HealthConfig.defaults();
        assertThat(defaults.healthCheckInterval()).as("default healthCheckInterval")
                .isEqualTo(HealthConfig.DEFAULT_HEALTH_CHECK_INTERVAL);
        assertThat(defaults.validationQuery()).as("default validationQuery (null: use Connection.isValid)").isNull();

        HealthConfig validateAlways = HealthConfig.builder().validateOnBorrowAfter(Duration.ZERO)
                .validationQuery("SELECT 1").refillBackoffInitial(Duration.ofSeconds(1))
                .refillBackoffMax(Duration.ofSeconds(1)).build();
        assertThat(validateAlways.validateOnBorrowAfter()).isEqualTo(Duration.ZERO);
        assertThat(validateAlways.refillBackoffMax()).as("refillBackoffMax equal to refillBackoffInitial (no growth)")
                .isEqualTo(Duration.ofSeconds(1));
    }

    static Stream<Arguments> invalidSettings() {
        return Stream.of(
                invalid("poolName", "null", b -> b.poolName(null)),
                invalid("poolName", "blank", b -> b.poolName("  ")),
                invalid("healthCheckInterval", "null", b -> b.healthCheckInterval(null)),
                invalid("healthCheckInterval", "0", b -> b.healthCheckInterval(Duration.ZERO)),
                invalid("healthCheckInterval", "-1 s", b -> b.healthCheckInterval(Duration.ofSeconds(-1))),
                invalid("validationTimeout", "null", b -> b.validationTimeout(null)),
                invalid("validationTimeout", "0", b -> b.validationTimeout(Duration.ZERO)),
                invalid("validationQuery", "blank", b -> b.validationQuery(" ")),
                invalid("validateOnBorrowAfter", "null", b -> b.validateOnBorrowAfter(null)),
                invalid("validateOnBorrowAfter", "-1 ms", b -> b.validateOnBorrowAfter(Duration.ofMillis(-1))),
                invalid("refillBackoffInitial", "null", b -> b.refillBackoffInitial(null)),
                invalid("refillBackoffInitial", "0", b -> b.refillBackoffInitial(Duration.ZERO)),
                invalid("refillBackoffMax", "null", b -> b.refillBackoffMax(null)),
                invalid("refillBackoffMax", "shorter than refillBackoffInitial",
                        b -> b.refillBackoffInitial(Duration.ofSeconds(2)).refillBackoffMax(Duration.ofSeconds(1))));
    }

    private static Arguments invalid(String field, String value, UnaryOperator<HealthConfig.Builder> change) {
        return Arguments.of(field, value, change);
    }

    @ParameterizedTest(name = "{0} = {1} is rejected, naming {0}")
    @MethodSource("invalidSettings")
    @DisplayName("invalid health settings are rejected with a message naming the field")
    void invalidSettingsAreRejected(String field, String value, UnaryOperator<HealthConfig.Builder> change) {
        assertThatThrownBy(() -> change.apply(HealthConfig.builder()).build())
                .as("building a HealthConfig with " + field + " = " + value)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(field);
    }

    @Test
    @DisplayName("refillBackoffMax shorter than refillBackoffInitial: the message names both")
    void backoffBoundsNameBoth() {
        assertThatThrownBy(() -> HealthConfig.builder().refillBackoffInitial(Duration.ofSeconds(5))
                .refillBackoffMax(Duration.ofSeconds(1)).build())
                .as("refillBackoffMax (1 s) < refillBackoffInitial (5 s)")
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("refillBackoffMax")
                .hasMessageContaining("refillBackoffInitial");
    }
}
