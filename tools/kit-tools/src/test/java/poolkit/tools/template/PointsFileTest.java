package poolkit.tools.template;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("PointsFile: the points of the modules and test classes a template has, comments and settings kept")
class PointsFileTest {

    @Test
    @DisplayName("module.X and test.X lines of what the template lacks go; test.default, comments and the rest stay")
    void keep() {
        List<String> lines = List.of("# points", "tampering=zero", "module.exercise-1-basic-pool = 20",
                "module.exercise-2-monitoring = 10", "test.default=1", "test.poolkit.basic.BorrowTest: 2",
                "test.poolkit.monitoring.StatsTest = 3");

        assertThat(PointsFile.keep(lines, "exercise-2-monitoring"::equals, "poolkit.monitoring.StatsTest"::equals))
                .containsExactly("# points", "tampering=zero", "module.exercise-2-monitoring = 10", "test.default=1",
                        "test.poolkit.monitoring.StatsTest = 3");
    }
}
