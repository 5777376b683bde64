package poolkit.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestTest {

    @TempDir
    Path root;

    static Path write(Path root, String path, String text) throws IOException {
        Path file = root.resolve(path);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, text);
    }

    static Kit kit(Path root, String... modules) throws IOException {
        StringBuilder pom = new StringBuilder("<project><modules>");
        for (String m : modules) {
            pom.append("<module>").append(m).append("</module>");
        }
        write(root, "pom.xml", pom.append("</modules></project>").toString());
        return Kit.at(root);
    }

    @Test
    void aFolderNamedTargetInsideASourceTreeIsCanonicalOnlyAModulesBuildOutputIsSkipped() throws IOException {
        Kit kit = kit(root, "test-support", "exercise-1");
        write(root, "exercise-1/src/test/java/p/target/AlwaysPassesTest.java", "class AlwaysPassesTest {}");
        write(root, "exercise-1/target/surefire-reports/TEST-x.xml", "<testsuite/>");
        write(root, "test-support/src/main/java/p/target/Helper.java", "class Helper {}");
        write(root, "test-support/target/classes/p/Helper.class", "x");
        write(root, ".git/config", "x");

        assertThat(Manifest.hash(root, kit).keySet())
                .contains("exercise-1/src/test/java/p/target/AlwaysPassesTest.java", "test-support/src/main/java/p/target/Helper.java")
                .noneMatch(p -> p.startsWith("exercise-1/target/") || p.startsWith("test-support/target/") || p.startsWith(".git/"));
    }

    @Test
    void linksAreListedNeverFollowed() throws IOException {
        kit(root, "exercise-1");
        write(root, "exercise-1/notes/java/p/SkipAll.java", "class SkipAll {}");
        Files.createDirectories(root.resolve("exercise-1/src/test/java"));
        Files.createSymbolicLink(root.resolve("exercise-1/src/test/java/p"), Path.of("../../../notes/java/p"));
        write(root, "exercise-1/notes/junit-platform.properties", "x");
        Files.createSymbolicLink(root.resolve("exercise-1/src/test/junit-platform.properties"), Path.of("../notes/junit-platform.properties"));

        Manifest.Listing listing = Manifest.list(root, List.of("exercise-1/src/test"), Set.of());

        assertThat(listing.links()).containsExactly("exercise-1/src/test/java/p", "exercise-1/src/test/junit-platform.properties");
        assertThat(listing.files()).as("nothing read through a link").isEmpty();
    }

    @Test
    void theManifestCommandRefusesAKitWithLinks() throws IOException {
        kit(root, "exercise-1");
        write(root, "tools/x", "x");
        Files.createSymbolicLink(root.resolve("tools/y"), Path.of("x"));
        assertThat(Manifest.command(root, Options.parse(List.of()))).isEqualTo(2);
        assertThat(root.resolve(Kit.MANIFEST)).doesNotExist();
    }

    @Test
    void writtenAndReadBackWithLineEndingsNormalised() throws IOException {
        Kit kit = kit(root, "exercise-1");
        write(root, "exercise-1/src/test/java/A.java", "a\r\nb\n");
        Path other = Files.createDirectories(root.resolve("other"));
        write(other, "A.java", "a\nb\n");
        assertThat(Manifest.sha256(root.resolve("exercise-1/src/test/java/A.java"))).isEqualTo(Manifest.sha256(other.resolve("A.java")));

        SortedMap<String, String> hashes = Manifest.hash(root, kit);
        Manifest.write(root.resolve(Kit.MANIFEST), hashes);
        assertThat(Manifest.read(root.resolve(Kit.MANIFEST))).isEqualTo(hashes);
        assertThat(Manifest.hash(root, kit)).as("the manifest leaves itself out").isEqualTo(hashes);
    }

    @Test
    void aBrokenManifestSaysWhatToDo() throws IOException {
        write(root, Kit.MANIFEST, "not a checksum  pom.xml\n");
        assertThatThrownBy(() -> Manifest.read(root.resolve(Kit.MANIFEST))).isInstanceOf(UsageException.class)
                .hasMessageContaining("regenerate it with tools/canonical-tests");
        assertThatThrownBy(() -> Manifest.read(root.resolve("none"))).isInstanceOf(UsageException.class)
                .hasMessageContaining("generate it with tools/canonical-tests");
    }

    @Test
    void tamperingFindsChangedMissingExtraLinkedAndMachineryFiles() throws IOException {
        Kit kit = kit(root, "test-support", "exercise-1");
        write(root, "exercise-1/src/test/java/A.java", "a");
        write(root, "exercise-1/src/test/java/B.java", "b");
        write(root, "test-support/src/main/java/S.java", "s");
        SortedMap<String, String> expected = new TreeMap<>(Manifest.hash(root, kit));
        write(root, "exercise-1/src/test/java/A.java", "changed");
        Files.delete(root.resolve("exercise-1/src/test/java/B.java"));
        write(root, "exercise-1/src/test/java/target/C.java", "c");
        write(root, "exercise-1/src/main/resources/META-INF/services/javax.annotation.processing.Processor", "p.P");
        write(root, "exercise-1/src/main/java/p/Pool.java", "class Pool {}");
        Files.createSymbolicLink(root.resolve("exercise-1/src/main/java/q"), Path.of("p"));

        Tampering t = Tampering.scan(root, kit, kit, expected);

        assertThat(t.modified()).containsExactly("exercise-1/src/test/java/A.java");
        assertThat(t.missing()).containsExactly("exercise-1/src/test/java/B.java");
        assertThat(t.extra()).containsExactly("exercise-1/src/test/java/target/C.java");
        assertThat(t.links()).containsExactly("exercise-1/src/main/java/q");
        assertThat(t.suspicious()).containsExactly("exercise-1/src/main/resources/META-INF/services/javax.annotation.processing.Processor");
        assertThat(t.in("exercise-1")).hasSize(5);
        assertThat(t.shared(List.of("exercise-1"))).isEmpty();

        write(root, "test-support/src/main/java/S.java", "changed");
        assertThat(Tampering.scan(root, kit, kit, expected).shared(List.of("exercise-1")))
                .containsExactly("test-support/src/main/java/S.java");
    }
}
