package poolkit.tools.template;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Retarget: the docs' commands on exercise 1 name the template's first module instead")
class RetargetTest {

    @Test
    @DisplayName("commands (lines and code spans that start with one) change; prose and sample output do not")
    void commandsOnly() {
        String text = """
                Run `tools/progress exercise-1` or:
                ./mvnw -q test -pl exercise-1-basic-pool
                exercise-1-basic-pool: 0 / 76 tests pass
                In exercise-1-basic-pool you build a pool.
                """;
        assertThat(Retarget.commands(text, "homework/priority-pool")).isEqualTo("""
                Run `tools/progress homework/priority-pool` or:
                ./mvnw -q test -pl homework/priority-pool
                exercise-1-basic-pool: 0 / 76 tests pass
                In exercise-1-basic-pool you build a pool.
                """);
    }

    @Test
    @DisplayName("all: every folder name and progress argument of exercise 1, but not a longer name that starts the same")
    void all() {
        assertThat(Retarget.all("tools/progress exercise-1 exercise-1-basic-pool/README.md tools/progress exercise-1-x",
                "exercise-2-monitoring"))
                .isEqualTo("tools/progress exercise-2-monitoring exercise-2-monitoring/README.md tools/progress exercise-1-x");
    }
}
