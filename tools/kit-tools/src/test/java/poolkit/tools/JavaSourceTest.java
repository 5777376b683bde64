package poolkit.tools;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A Java source's outline: package, imports, types, their annotations, superclass and methods")
class JavaSourceTest {

    @Test
    @DisplayName("package, imports (static ones too), superclass, modifiers and a display name joined from literals")
    void outline() {
        JavaSource.Outline outline = JavaSource.parse("""
                package poolkit.basic; // the package
                import java.util.List;
                import static org.assertj.core.api.Assertions.assertThat;
                import poolkit.testsupport.ConnectionResetContract;

                @DisplayName("Task 4: " + "settings \\"are\\" set back")
                public final class ResetTest extends poolkit.testsupport.ConnectionResetContract<String> {
                    private final RunRecord record = new RunRecord("x", '}', "{");
                    private Record record2;
                    int[] sizes = {1, 2};

                    static {
                        System.out.println("}");
                    }

                    @org.junit.jupiter.api.Test
                    void record() {
                        Runnable r = () -> { };
                    }
                }
                """);

        assertThat(outline.packageName()).isEqualTo("poolkit.basic");
        assertThat(outline.imports()).containsExactly("java.util.List", "org.assertj.core.api.Assertions.assertThat",
                "poolkit.testsupport.ConnectionResetContract");
        assertThat(outline.types()).singleElement().satisfies(type -> {
            assertThat(type.name()).isEqualTo("ResetTest");
            assertThat(type.kind()).isEqualTo("class");
            assertThat(type.modifiers()).containsExactlyInAnyOrder("public", "final");
            assertThat(type.superclass()).isEqualTo("poolkit.testsupport.ConnectionResetContract");
            assertThat(type.annotation("DisplayName")).hasValueSatisfying(
                    a -> assertThat(a.text()).isEqualTo("Task 4: settings \"are\" set back"));
            assertThat(type.methods()).extracting(JavaSource.Method::name).containsExactly("record");
            assertThat(type.methods().get(0).annotations()).extracting(JavaSource.Annotation::name).containsExactly("Test");
            assertThat(type.types()).isEmpty();
        });
    }

    @Test
    @DisplayName("records, enums, interfaces and annotation types are types; their methods and nested types are read")
    void kindsOfTypes() {
        JavaSource.Outline outline = JavaSource.parse("""
                class Outer {
                    record Point(int x, int y) implements Comparable<Point> {
                        Point {
                        }
                        public int compareTo(Point other) { return 0; }
                    }
                    enum Mode { FAST("f") { void tune() {} }, SLOW("s"); Mode(String s) {} void go() {} }
                    interface Hooks { default void hear() {} void other(); }
                    @interface Marker { String value() default "(x)"; }
                }
                """);

        JavaSource.Type outer = outline.types().get(0);
        assertThat(outer.types()).extracting(JavaSource.Type::name, JavaSource.Type::kind).containsExactly(
                org.assertj.core.groups.Tuple.tuple("Point", "record"), org.assertj.core.groups.Tuple.tuple("Mode", "enum"),
                org.assertj.core.groups.Tuple.tuple("Hooks", "interface"), org.assertj.core.groups.Tuple.tuple("Marker", "@interface"));
        assertThat(outer.types().get(0).methods()).extracting(JavaSource.Method::name).containsExactly("compareTo");
        assertThat(outer.types().get(1).methods()).extracting(JavaSource.Method::name).contains("Mode", "go");
        assertThat(outer.types().get(2).methods()).extracting(JavaSource.Method::name).containsExactly("hear", "other");
        assertThat(outer.types().get(3).methods()).extracting(JavaSource.Method::name).containsExactly("value");
    }

    @Test
    @DisplayName("an unfinished source keeps what was read, without failing")
    void unfinished() {
        JavaSource.Outline outline = JavaSource.parse("class A { @Test void a() { \"unterminated");
        assertThat(outline.types()).singleElement().satisfies(type -> assertThat(type.methods())
                .extracting(JavaSource.Method::name).containsExactly("a"));
    }
}
