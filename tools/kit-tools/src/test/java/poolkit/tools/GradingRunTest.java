package poolkit.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import poolkit.tasks.TaskNumber;

@DisplayName("A grading run runs every test, whatever the student's environment says")
class GradingRunTest {

    @Test
    @DisplayName("the task filter is switched off last, after any -Dpoolkit.task the caller passed")
    void theTaskFilterIsOffWhateverCameBefore() {
        List<String> args = Grader.mavenArguments(List.of("-Dpoolkit.task=3", "-Dpoolkit.db=none"));
        assertThat(args).as("Maven's last -D wins: the grader's comes last")
                .endsWith("-Dpoolkit.task=")
                .contains("-Dmaven.test.redirectTestOutputToFile=true", "-Dpoolkit.task=3", "-Dpoolkit.db=none");
        String value = args.get(args.size() - 1).substring(("-D" + TaskNumber.PROPERTY + "=").length());
        assertThat(TaskNumber.selected(value)).as("test-support's TaskFilter reads that value as: every task runs")
                .isEqualTo(OptionalInt.empty());
    }

    @Test
    @DisplayName("the variables that give every JVM options do not reach the test JVMs; Maven's own do")
    void jvmOptionVariablesAreLeftOut() {
        assertThat(List.of("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "_JAVA_OPTIONS")).allMatch(MavenRun::isJvmOptions);
        assertThat(List.of("MAVEN_OPTS", "MAVEN_ARGS", "JAVA_HOME", "PATH")).noneMatch(MavenRun::isJvmOptions);
    }
}
