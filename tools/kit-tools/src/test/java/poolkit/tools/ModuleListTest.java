package poolkit.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModuleListTest {

    @TempDir
    Path dir;

    @Test
    void readsTheModulesInOrderSkippingCommentsAndTrailingSlashes() throws IOException {
        Path pom = write("""
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <artifactId>root</artifactId>
                  <modules>
                    <module>test-support</module>
                    <!-- <module>commented-out</module> -->
                    <module> exercise-1-basic-pool/ </module>
                    <module>homework/priority-pool</module>
                  </modules>
                  <profiles><profile><modules><module>not-this-one</module></modules></profile></profiles>
                </project>
                """);
        assertThat(ModuleList.read(pom)).as("the root pom's own <modules>, in order")
                .containsExactly("test-support", "exercise-1-basic-pool", "homework/priority-pool");
    }

    @Test
    void readsAPropertyOfTheRootPomAndNamesOneItLacks() throws IOException {
        Path pom = write("""
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <properties>
                    <!-- <pitest.version>0.1</pitest.version> -->
                    <pitest.version> 1.22.0 </pitest.version>
                  </properties>
                  <profiles><profile><properties><other>x</other></properties></profile></profiles>
                </project>
                """);
        assertThat(ModuleList.property(pom, "pitest.version")).isEqualTo("1.22.0");
        assertThatThrownBy(() -> ModuleList.property(pom, "other")).isInstanceOf(UsageException.class)
                .hasMessageEndingWith("has no property <other> in its <properties>");
    }

    @Test
    void aPomWithoutModulesHasNone() throws IOException {
        assertThat(ModuleList.read(write("<project><artifactId>x</artifactId></project>"))).isEmpty();
    }

    @Test
    void theArtifactIdIsTheProjectsNotItsParents() throws IOException {
        Path pom = write("""
                <project><parent><artifactId>poolkit</artifactId></parent><artifactId>exercise-1</artifactId></project>
                """);
        assertThat(ModuleList.artifactId(pom, "fallback")).isEqualTo("exercise-1");
        assertThat(ModuleList.artifactId(write("<project/>"), "fallback")).isEqualTo("fallback");
    }

    @Test
    void aBrokenPomSaysWhichFileAndWhatToDo() throws IOException {
        Path pom = write("<project><modules>");
        assertThatThrownBy(() -> ModuleList.read(pom)).isInstanceOf(UsageException.class)
                .hasMessageContaining(pom.toString()).hasMessageContaining("not well-formed");
        assertThatThrownBy(() -> ModuleList.read(dir.resolve("none.xml"))).isInstanceOf(UsageException.class)
                .hasMessageContaining("root folder");
    }

    @Test
    void externalEntitiesAreNotRead() throws IOException {
        Path secret = Files.writeString(dir.resolve("secret.txt"), "leaked");
        Path pom = write("<?xml version=\"1.0\"?><!DOCTYPE p [<!ENTITY e SYSTEM \"" + secret.toUri()
                + "\">]><project><modules><module>a&e;</module></modules></project>");
        assertThat(ModuleList.read(pom)).noneMatch(m -> m.contains("leaked"));
    }

    private Path write(String xml) throws IOException {
        return Files.writeString(Files.createTempFile(dir, "pom", ".xml"), xml);
    }

    @Test
    void withoutDropsTheLinesOfTheAbsentModulesAndKeepsEveryOtherByte() throws IOException {
        Path pom = write("<project>\n  <!-- <module>b</module> stays a comment -->\n  <modules>\n    <module>a</module>\n"
                + "    <module>b/</module>\n\t<module> c </module>\n  </modules>\n</project>\n");
        assertThat(ModuleList.without(pom, List.of("b", "c")))
                .isEqualTo("<project>\n  <!-- <module>b</module> stays a comment -->\n  <modules>\n    <module>a</module>\n"
                        + "  </modules>\n</project>\n");
        assertThat(ModuleList.without(pom, List.of())).as("nothing to leave out: the same text").isEqualTo(Files.readString(pom));
    }

    @Test
    void withoutRefusesAPomWhoseModulesItCannotLeaveOutLineByLine() throws IOException {
        Path pom = write("<project><modules><module>a</module><module>b</module></modules></project>\n");
        assertThatThrownBy(() -> ModuleList.without(pom, List.of("b"))).isInstanceOf(UsageException.class)
                .hasMessageContaining("line of its own").hasMessageContaining("[a, b], not [a]");
    }
}
