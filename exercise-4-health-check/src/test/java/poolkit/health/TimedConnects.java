package poolkit.health;

import poolkit.testsupport.TrackingConnectionFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A connection factory for tests that notes when each connect was attempted, so a test can measure the pauses a
 * refill makes between attempts. Connects go to a {@link TrackingConnectionFactory}: make them fail at once with its
 * {@code failAllConnects} or {@code failNextConnects} (a database that refuses connections), so that the pauses are
 * the pool's own and not a driver's retries.
 */
final class TimedConnects {

    private final TrackingConnectionFactory tracker;
    private final List<Long> attemptedAt = new ArrayList<>();

    TimedConnects(TrackingConnectionFactory tracker) {
        this.tracker = tracker;
    }

    /** Use as the pool's factory: {@code timed::connect}. */
    Connection connect() throws SQLException {
        synchronized (this) {
            attemptedAt.add(System.nanoTime());
        }
        return tracker.connect();
    }

    /** Connect attempts so far, failed ones included. */
    synchronized int attempts() {
        return attemptedAt.size();
    }

    /** The pauses between consecutive attempts, from attempt number {@code from} (0 is the first) on. */
    synchronized List<Duration> pausesFrom(int from) {
        List<Duration> pauses = new ArrayList<>();
        for (int i = Math.max(from, 0) + 1; i < attemptedAt.size(); i++) {
            pauses.add(Duration.ofNanos(attemptedAt.get(i) - attemptedAt.get(i - 1)));
        }
        return pauses;
    }

    /** The same pauses, as a readable list of milliseconds for failure messages. */
    String describePausesFrom(int from) {
        return pausesFrom(from).stream().map(pause -> pause.toMillis() + " ms")
                .collect(Collectors.joining(", ", "[", "]"));
    }
}
