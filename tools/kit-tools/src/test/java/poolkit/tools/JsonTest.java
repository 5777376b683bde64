package poolkit.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonTest {

    @Test
    void objectsKeepTheirOrderAndNest() {
        assertThat(Json.write(Json.object("b", 1, "a", List.of("x", true), "c", null, "d", Json.object())))
                .isEqualTo("{\"b\": 1, \"a\": [\"x\", true], \"c\": null, \"d\": {}}");
        assertThat(Json.members(Json.object("a", 1, "b", 2))).isEqualTo("\"a\": 1, \"b\": 2");
        assertThat(Json.write(Status.NOT_RUN)).isEqualTo("\"NOT_RUN\"");
    }

    @Test
    void stringsAreEscaped() {
        assertThat(Json.quote("a\"b\\c\nd\te\u0001\u2028")).isEqualTo("\"a\\\"b\\\\c\\nd\\te\\u0001\\u2028\"");
        assertThat(Json.quote("Übung — ok")).isEqualTo("\"Übung — ok\"");
    }

    @Test
    void numbersHaveNoFloatingPointNoise() {
        assertThat(Json.number(0.1 + 0.2)).isEqualTo("0.3");
        assertThat(Json.number(36.0)).isEqualTo("36");
        assertThat(Json.number(12.5)).isEqualTo("12.5");
        assertThat(Json.number(100.0 / 3)).isEqualTo("33.33");
        assertThat(Json.number(2.675)).as("rounded as written, not as the binary double").isEqualTo("2.68");
        assertThat(Json.number(-0.0)).isEqualTo("0");
        assertThat(Json.number(1e7)).isEqualTo("10000000");
        assertThat(Json.number(42L)).isEqualTo("42");
    }

    @Test
    void whatJsonCannotHoldIsRefused() {
        assertThatThrownBy(() -> Json.number(Double.NaN)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NaN");
        assertThatThrownBy(() -> Json.write(new Object())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Json.object("odd")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("pairs");
        assertThat(Json.write(Arrays.asList(1, null))).isEqualTo("[1, null]");
    }
}
