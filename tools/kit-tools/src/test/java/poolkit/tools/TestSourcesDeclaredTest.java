package poolkit.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("Declared tests are the methods surefire runs, whatever the display names and text blocks say")
class TestSourcesDeclaredTest {

    @TempDir
    Path sources;

    @Test
    @DisplayName("a display name over several lines with 'word (' in its second line is not a test method")
    void displayNameOverLinesIsNotAMethod() throws IOException {
        write("BorrowTest.java", """
                package poolkit.basic;

                class BorrowTest {

                    @Test
                    @DisplayName("with every connection lent, getConnection() waits connectionTimeout, then fails "
                            + "with something (the pool's state)")
                    void timesOutWithState() throws Exception {
                    }

                    @ParameterizedTest
                    @ValueSource(ints = {1, 2})
                    @DisplayName(
                            "sizes " + "(several)")
                    // a comment (with brackets)
                    /* another one: notAMethod() */
                    void sizes(int size) {
                    }

                    @Test @DisplayName("one line") void oneLine() {}

                    @Test
                    public <T> java.util.List<T> generic() { return null; }
                }
                """);

        assertThat(TestSources.declaredTests(sources))
                .containsExactly(java.util.Map.entry("poolkit.basic.BorrowTest",
                        List.of("timesOutWithState", "sizes", "oneLine", "generic")));
        assertThat(TestSources.displayNames(sources, "poolkit.basic.BorrowTest"))
                .containsEntry("timesOutWithState",
                        "with every connection lent, getConnection() waits connectionTimeout, then fails with something (the pool's state)")
                .containsEntry("sizes", "sizes (several)")
                .containsEntry("oneLine", "one line");
    }

    @Test
    @DisplayName("tests in a text block, a comment, a static nested class or a local class do not count; @Nested ones do")
    void onlyWhatSurefireRuns() throws IOException {
        write("ToolTest.java", """
                package poolkit.basic;

                class ToolTest {

                    // @Test void commentedOut() {}

                    @Test
                    void readsASample() {
                        String sample = \"""
                                abstract class Sample {
                                    @Test
                                    void inTheTextBlock() {
                                    }
                                }
                                \""";
                        class Local {
                            @Test
                            void local() {
                            }
                        }
                        Runnable anonymous = new Runnable() {
                            @Test
                            public void run() {
                            }
                        };
                    }

                    static class Fixture {
                        @Test
                        void fixtureOnly() {
                        }
                    }

                    @Nested
                    class WhenClosed {
                        @Test
                        void rejects() {
                        }
                    }

                    @RepeatedTest(3)
                    void repeated() {
                    }
                }
                """);

        assertThat(TestSources.declaredTests(sources))
                .containsEntry("poolkit.basic.ToolTest", List.of("readsASample", "repeated", "rejects")); // the outer class's own first, as JUnit runs them
    }

    @Test
    @DisplayName("an abstract class is not run itself; 'abstract class' in a text block does not hide a test class")
    void abstractClasses() throws IOException {
        write("ContractTest.java", """
                package poolkit.basic;

                abstract class ContractTest {
                    @Test
                    void contract() {
                    }
                }
                """);
        write("SampleTest.java", """
                package poolkit.basic;

                class SampleTest extends ContractTest {
                    static final String SAMPLE = "abstract class X {}";

                    @Test
                    void own() {
                    }
                }
                """);

        assertThat(TestSources.declaredTests(sources))
                .doesNotContainKey("poolkit.basic.ContractTest")
                .containsEntry("poolkit.basic.SampleTest", List.of("contract", "own"));
    }

    private void write(String name, String text) throws IOException {
        Path file = Files.createDirectories(sources.resolve("poolkit/basic")).resolve(name);
        Files.writeString(file, text);
    }
}
