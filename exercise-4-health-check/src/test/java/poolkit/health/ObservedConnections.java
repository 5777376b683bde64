package poolkit.health;

import poolkit.testsupport.TrackingConnectionFactory;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A connection factory for tests that watches what the pool does with each physical connection: it counts the JDBC
 * calls made on each one, and can hold {@code isValid} calls until the test lets them go (a database that hangs).
 * Physical connections are opened by a {@link TrackingConnectionFactory}, which still counts them.
 */
final class ObservedConnections {

    private final TrackingConnectionFactory tracker;
    private final List<AtomicInteger> callsPerConnection = new ArrayList<>();
    private final AtomicInteger validationsHeld = new AtomicInteger();
    private volatile CountDownLatch validationGate;

    ObservedConnections(TrackingConnectionFactory tracker) {
        this.tracker = tracker;
    }

    /** Use as the pool's factory: {@code observed::connect}. */
    Connection connect() throws SQLException {
        Connection physical = tracker.connect();
        AtomicInteger calls = new AtomicInteger();
        synchronized (this) {
            callsPerConnection.add(calls);
        }
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    if (method.getDeclaringClass() == Object.class) {
                        return switch (method.getName()) {
                            case "equals" -> proxy == args[0];
                            case "hashCode" -> System.identityHashCode(proxy);
                            default -> "observed " + physical;
                        };
                    }
                    calls.incrementAndGet();
                    if (method.getName().equals("isValid")) {
                        awaitGate();
                    }
                    try {
                        return method.invoke(physical, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    /** JDBC calls made so far on the {@code index}-th physical connection opened (0 is the first). */
    synchronized int callsOn(int index) {
        return callsPerConnection.get(index).get();
    }

    /** From now on, {@code isValid} waits until {@link #releaseValidations()}. */
    void holdValidations() {
        validationGate = new CountDownLatch(1);
    }

    /** Lets every held and later {@code isValid} call through. */
    void releaseValidations() {
        CountDownLatch gate = validationGate;
        validationGate = null;
        if (gate != null) {
            gate.countDown();
        }
    }

    /** {@code isValid} calls waiting at the gate right now. */
    int validationsHeld() {
        return validationsHeld.get();
    }

    private void awaitGate() throws InterruptedException {
        CountDownLatch gate = validationGate;
        if (gate == null) {
            return;
        }
        validationsHeld.incrementAndGet();
        try {
            gate.await();
        } finally {
            validationsHeld.decrementAndGet();
        }
    }
}
