package poolkit.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("progress --watch: a burst of file events is one re-run, once the files have settled")
class DebouncerTest {

    private static final long MS = 1_000_000;
    private final Debouncer debouncer = new Debouncer(Duration.ofMillis(300));

    @Test
    @DisplayName("nothing is due before any change, nor during the quiet period after the last one")
    void waitsForQuiet() {
        assertThat(debouncer.isDue(0)).as("due with no change").isFalse();
        debouncer.changed(Path.of("src/main/java/Pool.java"), 0);
        debouncer.changed(Path.of("src/main/java/Pool.java"), 200 * MS);
        assertThat(debouncer.isDue(400 * MS)).as("due 200 ms after the last event, with a 300 ms quiet period").isFalse();
        assertThat(debouncer.remaining(400 * MS)).isEqualTo(Duration.ofMillis(100));
        assertThat(debouncer.isDue(500 * MS)).as("due 300 ms after the last event").isTrue();
    }

    @Test
    @DisplayName("the files of a burst come back once, in the order first seen, and the debouncer starts afresh")
    void oneRunPerBurst() {
        debouncer.changed(Path.of("B.java"), 0);
        debouncer.changed(Path.of("A.java"), 10 * MS);
        debouncer.changed(Path.of("B.java"), 20 * MS);
        assertThat(debouncer.take(100 * MS)).as("taken before the burst settled").isEmpty();
        assertThat(debouncer.take(320 * MS)).containsExactly(Path.of("B.java"), Path.of("A.java"));
        assertThat(debouncer.hasChanges()).isFalse();
        assertThat(debouncer.take(10_000 * MS)).as("taken twice").isEmpty();
    }

    @Test
    @DisplayName("a file created and gone again within the burst (sed -i's, an atomic save's) does not count")
    void ignoresFilesThatCameAndWent() {
        Path temporary = Path.of("src/main/java/sedX1y2Z3");
        Path pool = Path.of("src/main/java/Pool.java");
        Path deleted = Path.of("src/main/java/Old.java");
        debouncer.created(temporary, 0);
        debouncer.changed(temporary, 5 * MS);
        debouncer.created(pool, 10 * MS); // renamed over the old Pool.java
        debouncer.changed(deleted, 20 * MS); // deleted by the student: a change
        assertThat(debouncer.take(400 * MS, file -> file.equals(pool))).containsExactly(pool, deleted);

        debouncer.created(temporary, 500 * MS);
        assertThat(debouncer.take(900 * MS, file -> false)).as("a burst of a temporary file only").isEmpty();
        assertThat(debouncer.hasChanges()).isFalse();
    }

    @Test
    @DisplayName("an editor's swap, backup and safe-write files do not count")
    void ignoresEditorFiles() {
        assertThat(debouncer.changed(Path.of("src/main/java/.Pool.java.swp"), 0)).isFalse();
        assertThat(debouncer.changed(Path.of("src/main/java/Pool.java~"), 0)).isFalse();
        assertThat(debouncer.changed(Path.of("src/main/java/Pool.java___jb_tmp___"), 0)).isFalse();
        assertThat(debouncer.hasChanges()).as("changes after editor files only").isFalse();
        assertThat(debouncer.isDue(Long.MAX_VALUE)).isFalse();
    }
}
