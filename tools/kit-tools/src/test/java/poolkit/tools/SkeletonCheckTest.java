package poolkit.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SkeletonCheckTest {

    @TempDir
    Path root;

    @Test
    void aTestPassingOnTheSkeletonIsAProblemUnlessItIsAListedGiven() throws IOException {
        ManifestTest.write(root, "ex/target/surefire-reports/TEST-p.A.xml", """
                <testsuite name="p.A"><testcase name="fails" classname="Task 1"><failure message="no"/></testcase>
                <testcase name="given" classname="Task 1"/><testcase name="passes" classname="Task 1"/></testsuite>
                """);
        ManifestTest.write(root, "tools/skeleton-givens.txt", "# deliberate\np.A#given\n");
        PrintStream out = System.out;
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        int status;
        try {
            System.setOut(new PrintStream(text, true, StandardCharsets.UTF_8));
            status = SkeletonCheck.run(root, List.of("ex", "empty"));
        } finally {
            System.setOut(out);
        }
        assertThat(status).isEqualTo(1);
        assertThat(text.toString(StandardCharsets.UTF_8))
                .contains("PROBLEM ex: p.A#passes passes on the untouched skeleton")
                .doesNotContain("p.A#given passes")
                .contains("PROBLEM empty: no test reports found");
        Files.delete(root.resolve("tools/skeleton-givens.txt"));
    }
}
