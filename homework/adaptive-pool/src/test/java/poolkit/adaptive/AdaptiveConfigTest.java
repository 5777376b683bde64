package poolkit.adaptive;

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
import static org.junit.jupiter.params.provider.Arguments.arguments;

@DisplayName("Task 1: the controller's configuration is validated")
class AdaptiveConfigTest {

    @Test
    @DisplayName("the defaults: floor 2, ceiling 20, target 50 ms, window 10 s, cool-down 30 s, steps +2 / -1, 20 samples")
    void defaults() {
        AdaptiveConfig config = AdaptiveConfig.defaults();
        assertThat(config.floor()).as("default floor").isEqualTo(2);
        assertThat(config.ceiling()).as("default ceiling").isEqualTo(20);
        assertThat(config.targetWait()).as("default targetWait").isEqualTo(Duration.ofMillis(50));
        assertThat(config.window()).as("default window").isEqualTo(Duration.ofSeconds(10));
        assertThat(config.coolDown()).as("default coolDown").isEqualTo(Duration.ofSeconds(30));
        assertThat(config.growStep()).as("default growStep").isEqualTo(2);
        assertThat(config.shrinkStep()).as("default shrinkStep").isEqualTo(1);
        assertThat(config.minSamples()).as("default minSamples").isEqualTo(20);
    }

    @Test
    @DisplayName("floor equal to ceiling, and a cool-down of zero, are valid")
    void edgeValuesAreValid() {
        AdaptiveConfig fixed = AdaptiveConfig.builder().floor(3).ceiling(3).build();
        assertThat(fixed.floor()).as("floor of a controller with floor = ceiling = 3").isEqualTo(3);
        AdaptiveConfig eager = AdaptiveConfig.builder().coolDown(Duration.ZERO).build();
        assertThat(eager.coolDown()).as("a coolDown of zero (one resize per tick is allowed)").isEqualTo(Duration.ZERO);
    }

    static Stream<Arguments> invalidConfigurations() {
        return Stream.of(
                invalid("floor 0", b -> b.floor(0), "floor", "0"),
                invalid("ceiling 3 below floor 4", b -> b.floor(4).ceiling(3), "ceiling", "3", "floor", "4"),
                invalid("targetWait zero", b -> b.targetWait(Duration.ZERO), "targetWait", "PT0S"),
                invalid("targetWait negative", b -> b.targetWait(Duration.ofMillis(-5)), "targetWait", "-"),
                invalid("targetWait null", b -> b.targetWait(null), "targetWait", "null"),
                invalid("window zero", b -> b.window(Duration.ZERO), "window", "PT0S"),
                invalid("window null", b -> b.window(null), "window", "null"),
                invalid("coolDown negative", b -> b.coolDown(Duration.ofSeconds(-1)), "coolDown", "-"),
                invalid("coolDown null", b -> b.coolDown(null), "coolDown", "null"),
                invalid("growStep 0", b -> b.growStep(0), "growStep", "0"),
                invalid("shrinkStep 0", b -> b.shrinkStep(0), "shrinkStep", "0"),
                invalid("minSamples 0", b -> b.minSamples(0), "minSamples", "0"));
    }

    private static Arguments invalid(String what, UnaryOperator<AdaptiveConfig.Builder> change, String... named) {
        return arguments(what, change, named);
    }

    @ParameterizedTest(name = "{0} is rejected")
    @MethodSource("invalidConfigurations")
    @DisplayName("an invalid value is rejected with an IllegalArgumentException naming the field and the value")
    void rejectsInvalid(String what, UnaryOperator<AdaptiveConfig.Builder> change, String[] named) {
        assertThatThrownBy(() -> change.apply(AdaptiveConfig.builder()).build())
                .as("building an AdaptiveConfig with %s", what)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContainingAll(named);
    }
}
