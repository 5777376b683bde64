package poolkit.testsupport;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

@DisplayName("the tracking connection factory counts physical connections and injects faults")
class TrackingConnectionFactoryTest {

    private final TrackingConnectionFactory factory = new TrackingConnectionFactory(TestDatabases.h2());

    @Test
    @DisplayName("counts opened, closed, open and peak open connections; a second close is not counted")
    void counts() throws Exception {
        Connection first = factory.connect();
        Connection second = factory.connect();
        first.close();
        first.close();
        assertThat(factory.opened()).isEqualTo(2);
        assertThat(factory.closed()).isEqualTo(1);
        assertThat(factory.open()).isEqualTo(1);
        assertThat(factory.peakOpen()).isEqualTo(2);
        assertThat(factory.physicalConnections()).containsExactly(first, second);
        assertThat(second.isValid(1)).isTrue();
    }

    @Test
    @DisplayName("fails the next connects, or all of them, on request")
    void injectedFailures() throws Exception {
        factory.failNextConnects(2);
        assertThatThrownBy(factory::connect).isInstanceOf(SQLException.class).hasMessageContaining("injected");
        assertThatThrownBy(factory::connect).isInstanceOf(SQLException.class);
        factory.connect().close();
        factory.failAllConnects(true);
        assertThatThrownBy(factory::connect).isInstanceOf(SQLException.class);
        assertThat(factory.connectAttempts()).isEqualTo(4);
        assertThat(factory.opened()).isEqualTo(1);
    }

    @Test
    @DisplayName("holds connects at a gate until the test opens it")
    void gate() throws Exception {
        TrackingConnectionFactory.ConnectGate gate = factory.holdConnects();
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try {
            Future<Connection> connect = executor.submit(factory::connect);
            await().until(() -> gate.waiting() == 1);
            assertThat(connect).isNotDone();
            gate.open();
            Concurrently.result(connect).close();
            assertThat(factory.opened()).isEqualTo(1);
        } finally {
            executor.shutdownNow();
        }
    }
}
