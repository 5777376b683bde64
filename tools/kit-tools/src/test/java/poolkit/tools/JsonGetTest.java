package poolkit.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("tools/kit json-get prints the values the scripts read from grade.json, one line per element")
class JsonGetTest {

    /** The layout Report#json writes, shortened. */
    private static final String GRADE = """
            {
              "mode": "student",
              "points": 12.5, "maxPoints": 20, "testsPassed": 3, "testsTotal": 5,
              "canonical": {"tampered": false, "modified": [], "extra": ["a/AlwaysPassesTest.java", "b c.java"], "policy": "zero"},
              "modules": [
                {"module": "exercise-1-basic-pool", "compiled": true, "passed": 3, "total": 3, "points": 12.5, "maxPoints": 12.5, "problem": null,
                 "tests": [
                    {"id": "poolkit.basic.BorrowTest#waits", "status": "PASSED", "message": null},
                    {"id": "poolkit.basic.BorrowTest#fails", "status": "PASSED", "message": null}
                 ]},
                {"module": "exercise-2-monitoring", "compiled": false, "passed": 0, "total": 2, "points": 0, "maxPoints": 7.5, "problem": "does not compile:\\nStats.java:3: error",
                 "tests": [
                    {"id": "poolkit.monitoring.StatsTest#counts", "status": "NOT_RUN", "message": "does not compile"}
                 ]}
              ]
            }
            """;

    @TempDir
    Path root;

    @Test
    @DisplayName("the totals on one line; a module a line with --each, the last value keeping its spaces; nested arrays walked")
    void values() throws IOException {
        Files.writeString(root.resolve("grade.json"), GRADE);

        assertThat(run("grade.json", "points", "maxPoints", "testsPassed", "testsTotal", "canonical.tampered"))
                .isEqualTo("12.5 20 3 5 false\n");
        assertThat(run("grade.json", "--each", "modules", "module", "compiled", "passed", "total", "points", "maxPoints", "problem"))
                .isEqualTo("exercise-1-basic-pool true 3 3 12.5 12.5 null\n"
                        + "exercise-2-monitoring false 0 2 0 7.5 does not compile: Stats.java:3: error\n");
        assertThat(run("grade.json", "--each", "modules.tests", "id", "status"))
                .isEqualTo("poolkit.basic.BorrowTest#waits PASSED\npoolkit.basic.BorrowTest#fails PASSED\n"
                        + "poolkit.monitoring.StatsTest#counts NOT_RUN\n");
        assertThat(run("grade.json", "canonical.modified", "canonical")).startsWith("[] {\"tampered\": false");
        assertThat(run("grade.json", "--each", "canonical.extra")).isEqualTo("a/AlwaysPassesTest.java\nb c.java\n");
        assertThat(run("grade.json", "--each", "canonical.modified")).isEmpty();
    }

    @Test
    @DisplayName("a missing key, a missing file, text that is not JSON or no key at all fail saying what to do")
    void problems() throws IOException {
        Files.writeString(root.resolve("grade.json"), GRADE);
        Files.writeString(root.resolve("broken.json"), "{\"points\": }");

        assertThatThrownBy(() -> run("grade.json", "--each", "modules", "module", "score"))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("no key 'score' in modules[0]; its keys are [module, compiled, passed, total, points, maxPoints, problem, tests]");
        assertThatThrownBy(() -> run("grade.json", "canonical.tampered.really"))
                .hasMessageContaining("no key 'really' in canonical.tampered: it is not an object");
        assertThatThrownBy(() -> run("missing.json", "points")).hasMessageContaining("missing.json does not exist");
        assertThatThrownBy(() -> run("broken.json", "points")).hasMessageContaining("broken.json is not JSON at line 1");
        assertThatThrownBy(() -> run("grade.json")).hasMessageStartingWith("usage: tools/kit json-get FILE");
        assertThatThrownBy(() -> run("grade.json", "points", "--each")).hasMessageContaining("--each needs the path of an array");
    }

    private String run(String... args) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        JsonGet.run(root, List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8));
        return out.toString(StandardCharsets.UTF_8);
    }
}
