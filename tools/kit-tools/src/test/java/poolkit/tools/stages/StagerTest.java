package poolkit.tools.stages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("Stager: a solution with the tasks after N put back to the skeleton's stubs")
class StagerTest {

    static final String SKELETON = """
            package p;

            public final class Pool implements AutoCloseable {
                private final int size;

                public Pool(int size) {
                    this.size = size;
                    throw NotImplemented.task(2, "open the pool");
                }

                public int get(java.util.List<String> names, int... ids) {
                    throw NotImplemented.task(3, "lend");
                }

                public int get() {
                    throw NotImplemented.task(5, "lend, the short way");
                }

                public String name() {
                    return "given";
                }

                @Override
                public void close() {
                    throw NotImplemented.task(2, "close");
                }

                static final class Handle {
                    void giveBack() {
                        throw NotImplemented.task(4, "give back");
                    }
                }
            }
            """;

    static final String SOLUTION = """
            package p;

            // the solution's own comment
            public final class Pool implements AutoCloseable {
                private final int size;
                private boolean closed;

                public Pool(int size) {
                    this.size = size;
                }

                public int get(java.util.List< String > names, int... ids) {
                    return helper() + names.size();
                }

                public int get() {
                    return helper();
                }

                private int helper() { return size; }

                public String name() {
                    return "given";
                }

                @Override
                public void close() {
                    closed = true;
                }

                static final class Handle {
                    void giveBack() {
                        Runnable r = () -> { };
                        r.run();
                    }
                }
            }
            """;

    @Test
    @DisplayName("finds every stub, with its task, by class and signature (overloads and nested classes apart)")
    void findsStubs() {
        assertThat(Stager.stubs(SKELETON, "Pool.java")).extractingFromEntries(e -> e.getKey() + "=" + e.getValue().task())
                .containsExactlyInAnyOrder("Pool.<init>(int)=2", "Pool.get(java.util.List<String>,int...)=3",
                        "Pool.get()=5", "Pool.close()=2", "Pool.Handle.giveBack()=4");
    }

    @Test
    @DisplayName("stage N puts back the bodies of the stubs of tasks after N, and keeps the rest byte for byte")
    void stagesLaterTasksOnly() {
        String staged = Stager.stage(SKELETON, SOLUTION, 3, "Pool.java");

        assertThat(staged)
                .contains("return helper() + names.size();", "this.size = size;\n    }", "closed = true;")
                .contains("void giveBack() {\n            throw NotImplemented.task(4, \"give back\");\n        }")
                .contains("public int get() {\n        throw NotImplemented.task(5, \"lend, the short way\");\n    }")
                .contains("// the solution's own comment", "private boolean closed;", "private int helper() { return size; }")
                .doesNotContain("Runnable r");
    }

    @Test
    @DisplayName("stage 1 is the skeleton's bodies with the solution's fields and helpers; the last stage is the solution")
    void firstAndLastStages() {
        assertThat(Stager.stage(SKELETON, SOLUTION, 1, "Pool.java"))
                .contains("this.size = size;\n        throw NotImplemented.task(2, \"open the pool\");")
                .contains("throw NotImplemented.task(3, \"lend\");", "private boolean closed;");
        assertThat(Stager.stage(SKELETON, SOLUTION, 5, "Pool.java")).isEqualTo(SOLUTION);
    }

    @Test
    @DisplayName("a stub with no method of its signature in the solution is an error that names it")
    void missingCounterpart() {
        String renamed = SOLUTION.replace("void giveBack()", "void returnIt()");

        assertThatThrownBy(() -> Stager.stage(SKELETON, renamed, 3, "Pool.java"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Pool.Handle.giveBack()").hasMessageContaining("Task 4");
    }

    @Test
    @DisplayName("a stub that names two tasks is an error: one method, one task")
    void twoTasksInOneStub() {
        String skeleton = """
                class A {
                    void m(boolean b) {
                        if (b) throw NotImplemented.task(1, "x");
                        throw NotImplemented.task(2, "y");
                    }
                }
                """;

        assertThatThrownBy(() -> Stager.stubs(skeleton, "A.java"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("A.m(boolean)").hasMessageContaining("[1, 2]");
    }

    @Test
    @DisplayName("a record's compact constructor is staged too")
    void compactConstructor() {
        String skeleton = "record R(int a) {\n    R {\n        throw NotImplemented.task(1, \"validate\");\n    }\n}\n";
        String solution = "record R(int a) {\n    R {\n        if (a < 0) throw new IllegalArgumentException();\n    }\n}\n";

        assertThat(Stager.stage(skeleton, solution, 0, "R.java")).isEqualTo(skeleton);
        assertThat(Stager.stage(skeleton, solution, 1, "R.java")).isEqualTo(solution);
    }

    @Test
    @DisplayName("a folder is staged file by file; files the skeleton lacks are copied as they are")
    void stagesAFolder(@TempDir Path dir) throws Exception {
        Path skeleton = Files.createDirectories(dir.resolve("skeleton/p"));
        Path solution = Files.createDirectories(dir.resolve("solution/p"));
        Files.writeString(skeleton.resolve("Pool.java"), SKELETON);
        Files.writeString(solution.resolve("Pool.java"), SOLUTION);
        Files.writeString(solution.resolve("Extra.java"), "class Extra {}");
        Path out = dir.resolve("out");
        Files.createDirectories(out.resolve("stale"));

        Stager.stageFolder(dir.resolve("skeleton"), dir.resolve("solution"), 2, out);

        assertThat(Files.readString(out.resolve("p/Pool.java"))).isEqualTo(Stager.stage(SKELETON, SOLUTION, 2, "Pool.java"));
        assertThat(Files.readString(out.resolve("p/Extra.java"))).isEqualTo("class Extra {}");
        assertThat(out.resolve("stale")).doesNotExist();
        assertThat(Stager.stubTasks(dir.resolve("skeleton"))).containsExactly(2, 3, 4, 5);
    }
}
