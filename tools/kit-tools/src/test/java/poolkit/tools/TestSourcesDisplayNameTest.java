package poolkit.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("Display names are read from the test sources, also when written over several lines")
class TestSourcesDisplayNameTest {

    @Test
    @DisplayName("one literal, a concatenation over two lines, escapes and parentheses inside the text")
    void displayNames(@TempDir Path sources) throws IOException {
        Path file = Files.createDirectories(sources.resolve("poolkit/basic")).resolve("BorrowTest.java");
        Files.writeString(file, """
                package poolkit.basic;

                @DisplayName("Task 3: borrowing a connection")
                class BorrowTest {

                    @Test
                    @DisplayName("with every connection lent, getConnection() waits connectionTimeout, then fails "
                            + "with the pool's state")
                    void timesOutWithState() throws Exception {
                    }

                    @Test
                    @DisplayName("a \\"quoted\\" word (and brackets)")
                    void quoted() {
                    }
                }
                """);
        assertThat(TestSources.displayNames(sources, "poolkit.basic.BorrowTest"))
                .containsEntry("class", "Task 3: borrowing a connection")
                .containsEntry("timesOutWithState",
                        "with every connection lent, getConnection() waits connectionTimeout, then fails with the pool's state")
                .containsEntry("quoted", "a \"quoted\" word (and brackets)");
    }
}
