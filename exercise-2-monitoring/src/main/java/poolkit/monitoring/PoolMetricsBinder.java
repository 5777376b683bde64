package poolkit.monitoring;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import java.util.Objects;

/**
 * YOUR MICROMETER BINDER (Task 5): publishes a {@link MonitoredPool}'s state and counters to a Micrometer
 * {@link MeterRegistry} under the names HikariCP uses (with {@code poolkit} for {@code hikaricp}), every meter
 * tagged {@value #POOL_TAG}={@code <the pool's name>}. The names are given below; the README's Task 5 table says
 * what each meter shows and which kind of meter it is.
 */
public final class PoolMetricsBinder implements MeterBinder {

    public static final String POOL_TAG = "pool";

    // Gauges: the pool's state right now.
    public static final String TOTAL = "poolkit.connections";
    public static final String ACTIVE = "poolkit.connections.active";
    public static final String IDLE = "poolkit.connections.idle";
    public static final String PENDING = "poolkit.connections.pending";
    public static final String MAX = "poolkit.connections.max";
    public static final String MIN = "poolkit.connections.min";
    // Timers: how many, and how long in all.
    public static final String ACQUIRE = "poolkit.connections.acquire";
    public static final String USAGE = "poolkit.connections.usage";
    public static final String CREATION = "poolkit.connections.creation";
    // Counters.
    public static final String TIMEOUT = "poolkit.connections.timeout";
    public static final String CREATION_FAILED = "poolkit.connections.creation.failed";
    public static final String CLOSED = "poolkit.connections.closed";
    public static final String QUERIES = "poolkit.queries";

    private final MonitoredPool pool;

    public PoolMetricsBinder(MonitoredPool pool) {
        this.pool = Objects.requireNonNull(pool, "pool");
    }

    /** TASK 5: register every meter of the README's table in {@code registry}, tagged with the pool's name. */
    @Override
    public void bindTo(MeterRegistry registry) {
        throw NotImplemented.task(5, "register the pool's meters in PoolMetricsBinder.bindTo()");
    }
}
