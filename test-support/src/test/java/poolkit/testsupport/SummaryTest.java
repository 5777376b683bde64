package poolkit.testsupport;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SummaryTest {

    @Test
    void noFailures() {
        assertThat(Summary.of(List.of())).isEqualTo("none");
    }

    @Test
    void oneLineWithTheFirstAndHowManyFailedTheSameWayButForNumbers() {
        assertThat(Summary.of(List.of("trade 1: not implemented yet: Task 4", "trade 2: not implemented yet: Task 4",
                "trade 3: connection refused")))
                .isEqualTo("3 failed; the first: trade 1: not implemented yet: Task 4 (2 of the 3 failed that way)");
        assertThat(Summary.of(List.of("read 7: refused"))).isEqualTo("1 failed; the first: read 7: refused");
    }
}
