package poolkit.benchmark;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * Holds the first {@code parties} borrowers until they are all there, so a runner that does not have that many
 * requests in flight at once fails them (fast: after the first wait that runs out, every later borrower fails at
 * once). Counts connections in use at once, records when each borrower asked and on which kind of thread.
 */
final class GatedDataSource extends ForwardingDataSource {

    private final int parties;
    private final Duration patience;
    private final CountDownLatch allThere;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger mostInFlight = new AtomicInteger();
    private final AtomicInteger onPlatformThreads = new AtomicInteger();
    private final Queue<Long> askedAt = new ConcurrentLinkedQueue<>();
    private volatile boolean gaveUp;

    GatedDataSource(DataSource target, int parties, Duration patience) {
        super(target);
        this.parties = parties;
        this.patience = patience;
        this.allThere = new CountDownLatch(parties);
    }

    @Override
    public Connection getConnection() throws SQLException {
        askedAt.add(System.nanoTime());
        if (ThreadKind.of(Thread.currentThread()) == ThreadKind.PLATFORM) {
            onPlatformThreads.incrementAndGet();
        }
        mostInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
        try {
            allThere.countDown();
            if (gaveUp || !allThere.await(patience.toMillis(), TimeUnit.MILLISECONDS)) {
                gaveUp = true;
                throw new SQLException("only " + (parties - allThere.getCount()) + " of " + parties
                        + " requests were in flight at once (waited " + patience.toMillis() + " ms for the rest)");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            inFlight.decrementAndGet();
            throw new SQLException("interrupted", e);
        } catch (SQLException e) {
            inFlight.decrementAndGet();
            throw e;
        }
        Connection borrowed;
        try {
            borrowed = super.getConnection();
        } catch (SQLException | RuntimeException e) {
            inFlight.decrementAndGet();
            throw e;
        }
        boolean[] closed = {false};
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
                new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                    if (method.getName().equals("close") && !closed[0]) {
                        closed[0] = true;
                        inFlight.decrementAndGet();
                    }
                    try {
                        return method.invoke(borrowed, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    /** The most borrowers between asking and giving back at once. */
    int mostInFlight() {
        return mostInFlight.get();
    }

    /** How many borrowers asked from a platform thread rather than a virtual one. */
    int askedOnPlatformThreads() {
        return onPlatformThreads.get();
    }

    /** When each borrower asked (System.nanoTime), earliest first. */
    List<Long> askedAt() {
        return askedAt.stream().sorted().toList();
    }
}
