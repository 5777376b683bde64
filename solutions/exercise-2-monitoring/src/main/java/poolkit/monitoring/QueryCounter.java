package poolkit.monitoring;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Statement;
import java.util.Objects;

/** Makes statements count their queries, each behind a dynamic proxy of its own JDBC interface. */
public final class QueryCounter {

    private final PoolMetrics metrics;

    public QueryCounter(PoolMetrics metrics) {
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    /**
     * The driver's statement behind a dynamic proxy of the same JDBC interface: a hand-written wrapper would need
     * some 150 forwarding methods, the proxy needs one. Every {@code execute...} call counts as one query, the
     * {@code executeLarge...} ones included.
     */
    public <S extends Statement> S counting(Class<S> type, S statement) {
        InvocationHandler handler = (proxy, method, args) -> {
            String name = method.getName();
            if (name.startsWith("execute")) {
                metrics.queryExecuted();
            } else if (name.equals("equals") && method.getParameterCount() == 1) {
                return proxy == args[0]; // the driver's statement would not recognise its proxy as itself
            } else if (name.equals("hashCode") && method.getParameterCount() == 0) {
                return System.identityHashCode(proxy);
            }
            return forward(statement, method, args);
        };
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, handler));
    }

    private static Object forward(Statement statement, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(statement, args);
        } catch (InvocationTargetException e) {
            throw e.getCause(); // the driver's own SQLException, not reflection's wrapper
        }
    }
}
