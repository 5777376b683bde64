package poolkit.testsupport;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLWarning;

/**
 * A physical connection that keeps its read-only flag, catalog, network timeout and warnings itself, for tests on H2:
 * H2 ignores {@code setReadOnly}, {@code setCatalog} and {@code setNetworkTimeout} (each getter keeps answering the
 * same whatever it was told) and never reports connection warnings, so on plain H2 a pool that leaves these to the
 * next borrower looks clean. Wrapped, the connection behaves as a driver that honours them does: each getter answers
 * what its setter last set, and {@code getWarnings()} returns what the test added with {@link #addWarning} until
 * {@code clearWarnings()} is called. Every other call goes to the real connection.
 */
public final class RememberingConnection {

    private final Connection real;
    private final Connection proxy;
    private volatile boolean readOnly;
    private volatile SQLWarning warnings;
    private volatile String catalog;
    private volatile int networkTimeout;

    private RememberingConnection(Connection real) throws SQLException {
        this.real = real;
        this.readOnly = real.isReadOnly();
        this.catalog = real.getCatalog();
        this.networkTimeout = real.getNetworkTimeout();
        InvocationHandler handler = this::invoke;
        this.proxy = (Connection) Proxy.newProxyInstance(
                Connection.class.getClassLoader(), new Class<?>[] {Connection.class}, handler);
    }

    /** Wraps {@code real}; hand {@link #connection()} to the pool. */
    public static RememberingConnection wrap(Connection real) throws SQLException {
        return new RememberingConnection(real);
    }

    /** The connection to give the pool. */
    public Connection connection() {
        return proxy;
    }

    /** A warning the connection now reports, as if the database had sent it to the borrower. */
    public synchronized void addWarning(SQLWarning warning) {
        if (warnings == null) {
            warnings = warning;
        } else {
            warnings.setNextWarning(warning);
        }
    }

    private Object invoke(Object self, Method method, Object[] args) throws Throwable {
        String name = method.getName();
        int arity = method.getParameterCount();
        if (name.equals("equals") && arity == 1) {
            return self == args[0];
        }
        if (name.equals("hashCode") && arity == 0) {
            return System.identityHashCode(self);
        }
        Object result = forward(method, args); // first, so a closed connection still fails as it should
        switch (name) {
            case "setReadOnly" -> readOnly = (Boolean) args[0];
            case "isReadOnly" -> {
                return readOnly;
            }
            case "setCatalog" -> catalog = (String) args[0];
            case "getCatalog" -> {
                return catalog;
            }
            case "setNetworkTimeout" -> networkTimeout = (Integer) args[1];
            case "getNetworkTimeout" -> {
                return networkTimeout;
            }
            case "getWarnings" -> {
                SQLWarning own = warnings;
                return own != null ? own : result;
            }
            case "clearWarnings" -> {
                synchronized (this) {
                    warnings = null;
                }
            }
            default -> {
            }
        }
        return result;
    }

    private Object forward(Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(real, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
