package poolkit.tools.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Choice: tools/template's modules (exact, a unique prefix, or all) and --out")
class ChoiceTest {

    private static final List<String> EXERCISES = List.of("exercise-1-basic-pool", "exercise-2-monitoring",
            "homework/priority-pool", "homework/priority-pool-extra");

    @Test
    @DisplayName("modules in the kit's order, once each, whatever order they were asked in")
    void chosen() {
        Choice choice = Choice.parse(List.of("homework/priority-pool/", "exercise-2", "--out", "../hw", "exercise-2-monitoring"));
        assertThat(choice.out()).isEqualTo("../hw");
        assertThat(choice.chosen(EXERCISES)).containsExactly("exercise-2-monitoring", "homework/priority-pool");
        assertThat(Choice.parse(List.of("all", "--out", "x")).chosen(EXERCISES)).isEqualTo(EXERCISES);
    }

    @Test
    @DisplayName("no --out, no module, an unknown option or a name matching no single module fail saying what to do")
    void problems() {
        assertThatThrownBy(() -> Choice.parse(List.of("exercise-1"))).hasMessage(Choice.USAGE);
        assertThatThrownBy(() -> Choice.parse(List.of("--out", "x"))).hasMessage(Choice.USAGE);
        assertThatThrownBy(() -> Choice.parse(List.of("-v", "exercise-1", "--out", "x"))).hasMessage(Choice.USAGE);
        assertThatThrownBy(() -> Choice.parse(List.of("exercise", "--out", "x")).chosen(EXERCISES))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no single exercise or homework module matches 'exercise'; they are: exercise-1-basic-pool, "
                        + "exercise-2-monitoring, homework/priority-pool, homework/priority-pool-extra (or all)");
    }
}
