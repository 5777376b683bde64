package poolkit.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import poolkit.tools.Freshness.Change;
import poolkit.tools.Freshness.Kind;
import poolkit.tools.Freshness.Verdict;

@DisplayName("progress --no-run shows results only while they are current")
class FreshnessTest {

    private static final Instant T0 = Instant.parse("2026-12-05T14:00:00Z");
    private static final Set<String> DECLARED = Set.of("poolkit.basic.BorrowTest", "poolkit.basic.PoolConfigTest");

    private static RunRecord run(String task, List<String> narrowing, boolean compiled) {
        return new RunRecord(T0, T0.plusSeconds(60), task, narrowing, compiled);
    }

    private static Optional<Change> changedAt(Instant time) {
        return Optional.of(new Change(Path.of("exercise-1-basic-pool/src/main/java/poolkit/basic/ConnectionPool.java"), time));
    }

    @Test
    @DisplayName("a full run that started after the last change is current")
    void current() {
        Verdict verdict = Freshness.judge(run("", List.of(), true), List.of(T0.plusSeconds(50)),
                changedAt(T0.minusSeconds(5)), DECLARED, DECLARED);
        assertThat(verdict.kind()).isEqualTo(Kind.CURRENT);
    }

    @Test
    @DisplayName("a change after the run started makes it outdated, and names the file")
    void outdated() {
        Verdict verdict = Freshness.judge(run("", List.of(), true), List.of(T0.plusSeconds(50)),
                changedAt(T0.plusSeconds(10)), DECLARED, DECLARED);
        assertThat(verdict.kind()).isEqualTo(Kind.OUTDATED);
        assertThat(verdict.why()).contains("ConnectionPool.java changed after the last test run started");
    }

    @Test
    @DisplayName("a build that did not compile, run with ./mvnw after an edit, leaves old reports: outdated")
    void oldReportsAfterAFailedBuild() {
        // No record of tools/progress (the student ran ./mvnw test); the reports are from before the edit.
        Verdict verdict = Freshness.judge(null, List.of(T0, T0.plusSeconds(40)), changedAt(T0.plusSeconds(120)),
                DECLARED, DECLARED);
        assertThat(verdict.kind()).isEqualTo(Kind.OUTDATED);
    }

    @Test
    @DisplayName("tools/progress's own run that did not compile, with no change since, is current: it shows why")
    void notCompiledButCurrent() {
        Verdict verdict = Freshness.judge(run("", List.of(), false), List.of(), changedAt(T0.minusSeconds(1)),
                DECLARED, Set.of());
        assertThat(verdict.kind()).isEqualTo(Kind.CURRENT);
    }

    @Test
    @DisplayName("a run of one task, or with -Dtest, is partial and says what it ran")
    void partial() {
        Verdict task = Freshness.judge(run("3", List.of("-Dpoolkit.task=3"), true), List.of(T0.plusSeconds(30)),
                changedAt(T0.minusSeconds(5)), DECLARED, Set.of("poolkit.basic.BorrowTest"));
        assertThat(task.kind()).isEqualTo(Kind.PARTIAL);
        assertThat(task.why()).isEqualTo("the last run ran Task 3 only (--task 3)");
        Verdict chosen = Freshness.judge(run("", List.of("-Dtest=BorrowTest"), true), List.of(T0.plusSeconds(30)),
                changedAt(T0.minusSeconds(5)), DECLARED, Set.of("poolkit.basic.BorrowTest"));
        assertThat(chosen.why()).isEqualTo("the last run ran only the tests chosen by -Dtest=BorrowTest");
    }

    @Test
    @DisplayName("reports newer than tools/progress's last run are another run's: partial when classes are missing")
    void someoneElsesRun() {
        Instant later = T0.plusSeconds(600);
        Verdict verdict = Freshness.judge(run("", List.of(), true), List.of(later), changedAt(T0.plusSeconds(300)),
                DECLARED, Set.of("poolkit.basic.BorrowTest"));
        assertThat(verdict.kind()).isEqualTo(Kind.PARTIAL);
        assertThat(verdict.why()).contains("reported 1 of the 2 test classes");
        assertThat(Freshness.judge(null, List.of(later), changedAt(T0), DECLARED, DECLARED).kind())
                .isEqualTo(Kind.CURRENT);
    }

    @Test
    @DisplayName("no record and no reports: no results")
    void none() {
        assertThat(Freshness.judge(null, List.of(), changedAt(T0), DECLARED, Set.of()).kind()).isEqualTo(Kind.NONE);
    }

    @Test
    @DisplayName("the newest change is a file's, or a folder's when a file was deleted")
    void newestChange(@TempDir Path root) throws IOException {
        Path main = Files.createDirectories(root.resolve("src/main/java/poolkit"));
        Path pool = Files.writeString(main.resolve("Pool.java"), "class Pool {}");
        Path config = Files.writeString(main.resolve("Config.java"), "class Config {}");
        for (Path p : List.of(root.resolve("src"), root.resolve("src/main"), root.resolve("src/main/java"), main, config)) {
            Files.setLastModifiedTime(p, FileTime.from(T0));
        }
        Files.setLastModifiedTime(pool, FileTime.from(T0.plusSeconds(5)));
        assertThat(Freshness.newest(root, List.of(root.resolve("src/main"), root.resolve("no-such-folder"))))
                .hasValue(new Change(Path.of("src/main/java/poolkit/Pool.java"), T0.plusSeconds(5)));

        Files.delete(config);
        Files.setLastModifiedTime(main, FileTime.from(T0.plusSeconds(9)));
        assertThat(Freshness.newest(root, List.of(root.resolve("src/main"))).map(Change::time))
                .hasValue(T0.plusSeconds(9));
        assertThat(Freshness.newest(root, List.of(root.resolve("nothing")))).isEmpty();
    }
}
