package poolkit.monitoring;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;

import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;
import java.util.function.ToLongFunction;

/**
 * Publishes a {@link MonitoredPool}'s state and counters to Micrometer under the names HikariCP uses (with
 * {@code poolkit} for {@code hikaricp}), each meter tagged {@code pool=<name>}, so existing dashboards and alerts
 * for production pools fit.
 *
 * <p>Every meter reads the pool when the registry asks (gauges, function counters and function timers): the pool's
 * {@link PoolMetrics} stay the one place that counts, and nothing is recorded twice. Micrometer holds the pool
 * weakly; whoever binds it must keep the pool referenced, as an application does anyway.
 */
public final class PoolMetricsBinder implements MeterBinder {

    public static final String POOL_TAG = "pool";

    public static final String TOTAL = "poolkit.connections";
    public static final String ACTIVE = "poolkit.connections.active";
    public static final String IDLE = "poolkit.connections.idle";
    public static final String PENDING = "poolkit.connections.pending";
    public static final String MAX = "poolkit.connections.max";
    public static final String MIN = "poolkit.connections.min";
    public static final String ACQUIRE = "poolkit.connections.acquire";
    public static final String USAGE = "poolkit.connections.usage";
    public static final String CREATION = "poolkit.connections.creation";
    public static final String TIMEOUT = "poolkit.connections.timeout";
    public static final String CREATION_FAILED = "poolkit.connections.creation.failed";
    public static final String CLOSED = "poolkit.connections.closed";
    public static final String QUERIES = "poolkit.queries";

    private final MonitoredPool pool;

    public PoolMetricsBinder(MonitoredPool pool) {
        this.pool = Objects.requireNonNull(pool, "pool");
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Tags tags = Tags.of(POOL_TAG, pool.name());

        gauge(registry, tags, TOTAL, "Total connections", p -> p.stats().total());
        gauge(registry, tags, ACTIVE, "Active connections", p -> p.stats().active());
        gauge(registry, tags, IDLE, "Idle connections", p -> p.stats().idle());
        gauge(registry, tags, PENDING, "Pending threads", p -> p.stats().waiting());
        gauge(registry, tags, MAX, "Max connections", p -> p.config().maxConnections());
        gauge(registry, tags, MIN, "Min connections", p -> p.config().minConnections());

        timer(registry, tags, ACQUIRE, "Connection acquire time",
                MetricsSnapshot::acquisitionAttempts, MetricsSnapshot::totalWaitNanos);
        timer(registry, tags, USAGE, "Connection usage time",
                MetricsSnapshot::released, MetricsSnapshot::totalHeldNanos);
        timer(registry, tags, CREATION, "Connection creation time",
                MetricsSnapshot::created, MetricsSnapshot::totalConnectNanos);

        counter(registry, tags, TIMEOUT, "Connection timeout total count", MetricsSnapshot::timeouts);
        counter(registry, tags, CREATION_FAILED, "Connection creation failures", MetricsSnapshot::failedConnects);
        counter(registry, tags, CLOSED, "Connections closed by the pool", MetricsSnapshot::closed);
        counter(registry, tags, QUERIES, "Statements executed", MetricsSnapshot::queries);
    }

    private void gauge(MeterRegistry registry, Tags tags, String name, String description,
                       ToDoubleFunction<MonitoredPool> value) {
        Gauge.builder(name, pool, value).description(description).tags(tags).register(registry);
    }

    private void timer(MeterRegistry registry, Tags tags, String name, String description,
                       ToLongFunction<MetricsSnapshot> count, ToLongFunction<MetricsSnapshot> totalNanos) {
        FunctionTimer.builder(name, pool,
                        p -> count.applyAsLong(p.metrics().snapshot()),
                        p -> totalNanos.applyAsLong(p.metrics().snapshot()),
                        TimeUnit.NANOSECONDS)
                .description(description).tags(tags).register(registry);
    }

    private void counter(MeterRegistry registry, Tags tags, String name, String description,
                         ToLongFunction<MetricsSnapshot> count) {
        FunctionCounter.builder(name, pool, p -> count.applyAsLong(p.metrics().snapshot()))
                .description(description).tags(tags).register(registry);
    }
}
