package poolkit.testsupport;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A connection factory for tests: it opens real connections to a {@link TestDatabase} and keeps count of what the
 * pool under test does with them. Use its {@link #connect()} as the pool's factory ({@code tracker::connect}).
 *
 * <p>It sees every physical connection: how many were opened, closed, are open now and were open at most at once.
 * It can also make connects fail or hold them, to test how a pool behaves when the database is slow or down.
 */
public final class TrackingConnectionFactory {

    /** Of every factory in this JVM: connects begun and ended, and calls begun and ended on the connections. */
    private static final AtomicLong WORK = new AtomicLong();
    /** Of every factory in this JVM: connects in progress (held at a gate or talking to the database). */
    private static final AtomicInteger CONNECTING = new AtomicInteger();

    private final TestDatabase database;
    private final List<Connection> physical = new ArrayList<>();
    private final AtomicInteger opened = new AtomicInteger();
    private final AtomicInteger closed = new AtomicInteger();
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicInteger peakOpen = new AtomicInteger();
    private final AtomicInteger attempts = new AtomicInteger();
    private final AtomicInteger failuresToInject = new AtomicInteger();
    private final AtomicBoolean failing = new AtomicBoolean();
    private volatile ConnectGate gate;

    public TrackingConnectionFactory(TestDatabase database) {
        this.database = database;
    }

    /** Opens one physical connection (or fails or waits, as the test arranged). */
    public Connection connect() throws SQLException {
        attempts.incrementAndGet();
        CONNECTING.incrementAndGet();
        WORK.incrementAndGet();
        try {
            ConnectGate currentGate = gate;
            if (currentGate != null) {
                currentGate.pass();
            }
            if (failing.get() || failuresToInject.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                throw new SQLTransientConnectionException("injected connect failure: the test made the database refuse this connection");
            }
            Connection connection = track(database.connect());
            int now = open.incrementAndGet();
            peakOpen.accumulateAndGet(now, Math::max);
            opened.incrementAndGet();
            return connection;
        } finally {
            CONNECTING.decrementAndGet();
            WORK.incrementAndGet();
        }
    }

    /**
     * A count, over every factory of this JVM, of what the pools do with the database: each connect and each call on
     * a physical connection adds one when it starts and one when it ends. A count that stands still means no pool is
     * talking to the database (a stuck pool, or an idle one); see {@link Stall#movingWith}.
     */
    public static long databaseWork() {
        return WORK.get();
    }

    /** Connects in progress now, over every factory of this JVM (held at a gate, or talking to the database). */
    public static int connectsInProgress() {
        return CONNECTING.get();
    }

    /** Physical connections opened so far. */
    public int opened() {
        return opened.get();
    }

    /** Physical connections closed so far (by anyone). */
    public int closed() {
        return closed.get();
    }

    /** Physical connections open now. */
    public int open() {
        return open.get();
    }

    /** The most physical connections that were ever open at the same time. */
    public int peakOpen() {
        return peakOpen.get();
    }

    /** Calls of {@link #connect()}, including those that failed. */
    public int connectAttempts() {
        return attempts.get();
    }

    /** Every physical connection opened so far, in order; the test may close one to break it. */
    public synchronized List<Connection> physicalConnections() {
        return List.copyOf(physical);
    }

    /** The next {@code count} connects throw an {@link SQLException}. */
    public void failNextConnects(int count) {
        failuresToInject.set(count);
    }

    /** While on, every connect throws an {@link SQLException}, as if the database were down. */
    public void failAllConnects(boolean on) {
        failing.set(on);
    }

    /** From now on every connect waits at the returned gate until the test opens it. */
    public ConnectGate holdConnects() {
        ConnectGate newGate = new ConnectGate();
        gate = newGate;
        return newGate;
    }

    private synchronized Connection track(Connection real) {
        AtomicBoolean closedOnce = new AtomicBoolean();
        InvocationHandler handler = (proxy, method, args) -> invoke(proxy, real, closedOnce, method, args);
        Connection proxy = (Connection) Proxy.newProxyInstance(
                Connection.class.getClassLoader(), new Class<?>[] {Connection.class}, handler);
        physical.add(proxy);
        return proxy;
    }

    private Object invoke(Object proxy, Connection real, AtomicBoolean closedOnce, Method method, Object[] args)
            throws Throwable {
        if (method.getName().equals("equals") && method.getParameterCount() == 1) {
            return proxy == args[0];
        }
        if (method.getName().equals("hashCode") && method.getParameterCount() == 0) {
            return System.identityHashCode(proxy);
        }
        if (method.getName().equals("close") && method.getParameterCount() == 0 && closedOnce.compareAndSet(false, true)) {
            open.decrementAndGet();
            closed.incrementAndGet();
        }
        WORK.incrementAndGet();
        try {
            return method.invoke(real, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        } finally {
            WORK.incrementAndGet();
        }
    }

    /** Holds connects until opened; tells the test how many are waiting. */
    public static final class ConnectGate {
        private final CountDownLatch opened = new CountDownLatch(1);
        private final AtomicInteger waiting = new AtomicInteger();

        private void pass() throws SQLException {
            waiting.incrementAndGet();
            try {
                opened.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SQLException("connect interrupted while the test held it", e);
            } finally {
                waiting.decrementAndGet();
            }
        }

        /** Connects now held at the gate. */
        public int waiting() {
            return waiting.get();
        }

        /** Lets every held connect, and every later one, through. */
        public void open() {
            opened.countDown();
        }
    }
}
