package poolkit.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("tools/progress records what its last run of a module covered")
class RunRecordTest {

    @Test
    @DisplayName("written next to the reports and read back")
    void roundTrip(@TempDir Path module) throws IOException {
        RunRecord record = new RunRecord(Instant.ofEpochMilli(1_000), Instant.ofEpochMilli(61_000), "3",
                List.of("-Dpoolkit.task=3", "-Dtest=BorrowTest"), false);
        record.write(module);
        assertThat(Files.isRegularFile(module.resolve("target/poolkit-progress.properties"))).isTrue();
        assertThat(RunRecord.read(module)).isEqualTo(record);
    }

    @Test
    @DisplayName("none, or a damaged one, reads as no record")
    void missingOrDamaged(@TempDir Path module) throws IOException {
        assertThat(RunRecord.read(module)).isNull();
        Files.createDirectories(module.resolve("target"));
        Files.writeString(module.resolve(RunRecord.FILE), "started=yesterday\n");
        assertThat(RunRecord.read(module)).isNull();
    }

    @Test
    @DisplayName("the Maven arguments that choose tests make a run partial; others do not")
    void narrowing() {
        List<String> args = List.of("-Dtest=BorrowTest", "-Dpoolkit.db=none", "-Dgroups=postgres", "-Pfast");
        assertThat(RunRecord.narrowing(args)).containsExactly("-Dtest=BorrowTest", "-Dgroups=postgres");
        RunRecord full = new RunRecord(Instant.EPOCH, Instant.EPOCH, "", RunRecord.narrowing(List.of("-Dpoolkit.db=none")), true);
        assertThat(full.partial()).isFalse();
        assertThat(full.coverage()).isEqualTo("every test");
        RunRecord scenarios = new RunRecord(Instant.EPOCH, Instant.EPOCH, "scenarios", List.of("-Dpoolkit.task=scenarios"), true);
        assertThat(scenarios.partial()).isTrue();
        assertThat(scenarios.coverage()).isEqualTo("the scenarios only (--task scenarios)");
    }
}
