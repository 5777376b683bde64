package poolkit.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("JsonReader reads what Json writes, and says where text is not JSON")
class JsonReaderTest {

    @Test
    @DisplayName("what Json writes reads back the same: maps in order, lists, strings with escapes, numbers, booleans, null")
    void roundTrip() {
        Map<String, Object> written = Json.object("module", "exercise-1", "points", 12.5, "max", 20.0,
                "compiled", true, "problem", null, "message", "a \"quoted\" line\nand a tab\t\\ \u0001",
                "tests", List.of(Json.object("id", "A#b", "status", Status.PASSED)), "empty", List.of());

        Object read = JsonReader.parse(Json.write(written));

        assertThat(read).isInstanceOf(Map.class);
        @SuppressWarnings("unchecked")
        Map<String, Object> map = (Map<String, Object>) read;
        assertThat(map.keySet()).containsExactly("module", "points", "max", "compiled", "problem", "message", "tests", "empty");
        assertThat(map.get("points")).isEqualTo(new BigDecimal("12.5"));
        assertThat(((BigDecimal) map.get("max")).toPlainString()).isEqualTo("20");
        assertThat(map.get("compiled")).isEqualTo(true);
        assertThat(map.get("problem")).isNull();
        assertThat(map.get("message")).isEqualTo("a \"quoted\" line\nand a tab\t\\ \u0001");
        assertThat(map.get("tests")).isEqualTo(List.of(Map.of("id", "A#b", "status", "PASSED")));
        assertThat(JsonReader.parse(" [1, -2.5e3, \"\\u00e9\\/\", false] "))
                .isEqualTo(Arrays.asList(new BigDecimal("1"), new BigDecimal("-2.5e3"), "é/", false));
    }

    @Test
    @DisplayName("text that is not JSON fails with the line, the column and what was expected")
    void notJson() {
        assertThatThrownBy(() -> JsonReader.parse("{\n  \"a\": 1,\n  \"b\" 2\n}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not JSON at line 3, column 7: expected ':' after the key \"b\", found '2\\n}'");
        assertThatThrownBy(() -> JsonReader.parse("{\"a\": [1, 2}")).hasMessageContaining("expected ',' or ']'");
        assertThatThrownBy(() -> JsonReader.parse("{\"a\": \"open")).hasMessageContaining("the closing '\"' of a string");
        assertThatThrownBy(() -> JsonReader.parse("{} x")).hasMessageContaining("expected the end of the text, found 'x'");
        assertThatThrownBy(() -> JsonReader.parse("")).hasMessageContaining("expected a value, found the end of the text");
    }
}
