package poolkit.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("progress --watch wakes up when the code under src/main changes, not for an editor's files")
class SourceWatcherTest {

    @Test
    @DisplayName("an edit in a folder, and a file in a package created after the watch began, are seen")
    void seesEdits(@TempDir Path module) throws Exception {
        Path main = Files.createDirectories(module.resolve("src/main/java/poolkit"));
        Files.writeString(main.resolve("Pool.java"), "class Pool {}");
        ExecutorService thread = Executors.newSingleThreadExecutor();
        try (SourceWatcher watcher = new SourceWatcher(List.of(module.resolve("src/main")), Duration.ofMillis(200))) {
            Future<List<Path>> first = thread.submit(watcher::awaitChange);
            Files.writeString(main.resolve(".Pool.java.swp"), "vim"); // an editor's file: not a change
            Files.writeString(main.resolve("Pool.java"), "class Pool { int size; }");
            assertThat(first.get(60, TimeUnit.SECONDS)).as("changed files after an edit")
                    .containsExactly(main.resolve("Pool.java"));

            Future<List<Path>> saved = thread.submit(() -> {
                List<Path> seen = new ArrayList<>(); // one burst, or two if this machine stalls between the steps
                while (!seen.contains(main.resolve("Pool.java"))) {
                    seen.addAll(watcher.awaitChange());
                }
                return seen;
            });
            Path temporary = main.resolve("sedAb12Cd"); // sed -i: writes a new file, then renames it over the old
            Files.writeString(temporary, "class Pool { int size, max; }");
            Files.move(temporary, main.resolve("Pool.java"), StandardCopyOption.REPLACE_EXISTING);
            assertThat(saved.get(60, TimeUnit.SECONDS)).as("changed files after a save by rename")
                    .contains(main.resolve("Pool.java"));

            Future<List<Path>> second = thread.submit(watcher::awaitChange);
            Path pkg = Files.createDirectories(main.resolve("extra"));
            Files.writeString(pkg.resolve("Helper.java"), "class Helper {}");
            assertThat(second.get(60, TimeUnit.SECONDS)).as("changed files after a new package")
                    .contains(pkg.resolve("Helper.java"));
        } finally {
            thread.shutdownNow();
            assertThat(thread.awaitTermination(30, TimeUnit.SECONDS)).as("watch thread ended").isTrue();
        }
    }
}
