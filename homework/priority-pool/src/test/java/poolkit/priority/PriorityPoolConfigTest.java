package poolkit.priority;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("Task 1: validating the priority settings")
class PriorityPoolConfigTest {

    @Test
    @DisplayName("the defaults are the lesson's: regular work waits 500 ms, critical work 2 s, 2 connections reserved")
    void defaults() {
        PriorityPoolConfig config = PriorityPoolConfig.defaults();
        assertThat(config.connectionTimeout()).as("connectionTimeout (regular)").isEqualTo(Duration.ofMillis(500));
        assertThat(config.criticalTimeout()).as("criticalTimeout").isEqualTo(Duration.ofSeconds(2));
        assertThat(config.timeoutFor(Priority.CRITICAL)).as("timeoutFor(CRITICAL)").isEqualTo(Duration.ofSeconds(2));
        assertThat(config.timeoutFor(Priority.REGULAR)).as("timeoutFor(REGULAR)").isEqualTo(Duration.ofMillis(500));
        assertThat(config.criticalReserve()).as("criticalReserve").isEqualTo(2);
        assertThat(config.maxPassOvers()).as("maxPassOvers").isEqualTo(4);
    }

    @Test
    @DisplayName("the limits themselves are valid: a reserve of maxConnections - 1, maxPassOvers 1")
    void acceptsTheLimits() {
        PriorityPoolConfig config = PriorityPoolConfig.builder().maxConnections(3).minConnections(0)
                .criticalReserve(2).maxPassOvers(1).criticalTimeout(Duration.ofNanos(1)).build();
        assertThat(config.criticalReserve()).isEqualTo(2);
        assertThat(config.maxPassOvers()).isEqualTo(1);
    }

    @Test
    @DisplayName("criticalTimeout must be a positive duration")
    void rejectsBadCriticalTimeout() {
        for (Duration bad : new Duration[] {null, Duration.ZERO, Duration.ofMillis(-1)}) {
            assertThatThrownBy(() -> PriorityPoolConfig.builder().criticalTimeout(bad).build())
                    .as("building with criticalTimeout=%s", bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("criticalTimeout").hasMessageContaining(String.valueOf(bad));
        }
    }

    @Test
    @DisplayName("criticalReserve must not be negative")
    void rejectsNegativeReserve() {
        assertThatThrownBy(() -> PriorityPoolConfig.builder().criticalReserve(-1).build())
                .as("building with criticalReserve=-1")
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("criticalReserve").hasMessageContaining("-1");
    }

    @Test
    @DisplayName("criticalReserve must leave regular borrowers at least one connection (less than maxConnections)")
    void rejectsReserveOfEverything() {
        assertThatThrownBy(() -> PriorityPoolConfig.builder().minConnections(0).maxConnections(4).criticalReserve(4).build())
                .as("building with criticalReserve=4 and maxConnections=4")
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("criticalReserve").hasMessageContaining("maxConnections")
                .hasMessageContaining("4");
    }

    @Test
    @DisplayName("maxPassOvers must be at least 1")
    void rejectsNoPassOvers() {
        assertThatThrownBy(() -> PriorityPoolConfig.builder().maxPassOvers(0).build())
                .as("building with maxPassOvers=0")
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxPassOvers").hasMessageContaining("0");
    }
}
