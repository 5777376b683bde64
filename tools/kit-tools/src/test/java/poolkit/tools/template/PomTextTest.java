package poolkit.tools.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("PomText: a module that compiles the reference pool compiles the student's exercise-1 pool instead")
class PomTextTest {

    private static final String PROPERTIES = """
            <project>
              <properties>
                <poolkit.reference-pool.dir>${poolkit.root}/reference-pool/src/main/java</poolkit.reference-pool.dir>
              </properties>
            """;

    @Test
    @DisplayName("the property points at exercise 1, with a comment at its indent; the plugin goes into <build><plugins>")
    void intoThePlugins() {
        String pom = PomText.onStudentPool(PROPERTIES + """
                  <build>
                    <pluginManagement>
                      <plugins>
                        <plugin><artifactId>managed</artifactId></plugin>
                      </plugins>
                    </pluginManagement>
                    <!-- <plugins> in a comment is no place -->
                    <plugins>
                      <plugin><artifactId>own</artifactId></plugin>
                    </plugins>
                  </build>
                </project>
                """);

        assertThat(pom).contains("""
                    <!-- In this assignment the pool is the student's own: exercise 1's, compiled from its folder in place of
                         the kit's reference pool (with exercise 1's given code, see the build section). -->
                    <poolkit.reference-pool.dir>${poolkit.root}/exercise-1-basic-pool/src/main/java</poolkit.reference-pool.dir>
                """);
        assertThat(pom.indexOf("<id>exercise-1-given-sources</id>"))
                .as("the plugin after the build's own <plugins>, not in pluginManagement or a comment")
                .isGreaterThan(pom.indexOf("in a comment is no place")).isLessThan(pom.indexOf("<artifactId>own</artifactId>"));
        assertThat(pom).contains("<source>${poolkit.root}/exercise-1-basic-pool/src/given/java</source>");
        assertThat(PomText.compilesReferencePool(pom)).isFalse();
    }

    @Test
    @DisplayName("a pom with a <build> but no <plugins> gets them; a pom without a <build> gets one before </project>")
    void withoutPlugins() {
        assertThat(PomText.onStudentPool(PROPERTIES + "  <build>\n  </build>\n</project>\n"))
                .contains("  <build>\n    <plugins>\n      <plugin>\n").contains("    </plugins>\n  </build>\n</project>");
        assertThat(PomText.onStudentPool(PROPERTIES + "</project>\n"))
                .contains("\n  <build>\n    <plugins>\n      <plugin>\n").endsWith("    </plugins>\n  </build>\n</project>\n");
        assertThatThrownBy(() -> PomText.onStudentPool("<project/>")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("poolkit.reference-pool.dir");
    }

    @Test
    @DisplayName("comments are masked with spaces, line breaks and positions kept")
    void maskComments() {
        assertThat(PomText.maskComments("a<!-- b\nc -->d")).isEqualTo("a      \n     d");
    }
}
