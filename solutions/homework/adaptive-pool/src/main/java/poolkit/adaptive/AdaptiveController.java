package poolkit.adaptive;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Sizes a {@link ResizablePool} from what it measures. Each {@link #tick()} is one step of the control loop: it
 * reads the p95 wait of the last window and how many connections were in use at most since the previous step,
 * then grows the pool's limit toward the ceiling, shrinks it toward the floor, or holds it.
 *
 * <p>Steps are serialised by the controller's monitor, so a scheduled tick and one called by hand cannot both
 * resize. After a resize the wait window is cleared: the waits before it were measured at the old size and would
 * otherwise push the next step the same way again.
 */
public final class AdaptiveController implements AutoCloseable {

    private final ResizablePool pool;
    private final AdaptiveConfig config;
    private final Ticker ticker;
    private final WaitWindow waits;
    private final WaitListener recordWait;
    private final List<Decision> history = new CopyOnWriteArrayList<>();
    private final List<Consumer<Decision>> listeners = new CopyOnWriteArrayList<>();

    // Guarded by this.
    private boolean resizedBefore;
    private long lastResizeAt;
    private ScheduledFuture<?> schedule;
    private boolean closed;

    /**
     * Starts listening to the pool's waits. The pool's limit must already be within [floor, ceiling].
     *
     * @throws IllegalArgumentException when it is not, naming the limit and the range
     */
    public AdaptiveController(ResizablePool pool, AdaptiveConfig config) {
        this.pool = Objects.requireNonNull(pool, "pool");
        this.config = Objects.requireNonNull(config, "config");
        int limit = pool.limit();
        if (limit < config.floor() || limit > config.ceiling()) {
            throw new IllegalArgumentException("the pool's limit (" + limit + ") must be within the controller's floor ("
                    + config.floor() + ") and ceiling (" + config.ceiling() + "): create the pool with a "
                    + "maxConnections in that range");
        }
        this.ticker = pool.ticker();
        this.waits = new WaitWindow(config.window(), ticker);
        this.recordWait = waits::record;
        pool.addWaitListener(recordWait);
    }

    /** One step of the control loop: decides, resizes the pool if it decided so, and says what it did and why. */
    public synchronized Decision tick() {
        if (closed) {
            throw new IllegalStateException("the controller is closed: it no longer sizes the pool");
        }
        long now = ticker.nanoTime();
        int limit = pool.limit();
        WaitSummary recent = waits.summary();
        int peakInUse = pool.takePeakInUse();
        Decision decision = decide(now, limit, recent, peakInUse);
        if (decision.resized()) {
            pool.setLimit(decision.toLimit());
            resizedBefore = true;
            lastResizeAt = now;
            waits.clear();
            history.add(decision);
            listeners.forEach(listener -> listener.accept(decision));
        }
        return decision;
    }

    private Decision decide(long now, int limit, WaitSummary recent, int peakInUse) {
        long sinceResize = now - lastResizeAt;
        if (resizedBefore && sinceResize < config.coolDown().toNanos()) {
            return hold(now, limit, recent, peakInUse, "cooling down: last resize " + millis(sinceResize)
                    + " ms ago, coolDown " + config.coolDown().toMillis() + " ms");
        }
        long p95 = recent.p95().toNanos();
        long target = config.targetWait().toNanos();
        String waitFigures = "p95 wait " + millis(p95) + " ms over " + recent.samples() + " borrows, target "
                + config.targetWait().toMillis() + " ms";
        if (p95 > target && recent.samples() >= config.minSamples()) {
            if (limit >= config.ceiling()) {
                return hold(now, limit, recent, peakInUse, waitFigures + ", but the limit is at the ceiling");
            }
            int grown = Math.min(config.ceiling(), limit + config.growStep());
            return new Decision(Decision.Action.GROW, limit, grown, recent, peakInUse, now, waitFigures);
        }
        if (p95 > target) {
            return hold(now, limit, recent, peakInUse, waitFigures + ": too few borrows to act on (minSamples "
                    + config.minSamples() + ")");
        }
        if (limit > config.floor() && peakInUse < limit) {
            int shrunk = Math.max(config.floor(), Math.max(peakInUse, limit - config.shrinkStep()));
            return new Decision(Decision.Action.SHRINK, limit, shrunk, recent, peakInUse, now,
                    "at most " + peakInUse + " of " + limit + " connections in use since the last step, "
                            + waitFigures);
        }
        return hold(now, limit, recent, peakInUse, limit <= config.floor()
                ? waitFigures + ", and the limit is at the floor"
                : waitFigures + ", and all " + limit + " connections were in use");
    }

    private static Decision hold(long now, int limit, WaitSummary recent, int peakInUse, String reason) {
        return new Decision(Decision.Action.HOLD, limit, limit, recent, peakInUse, now, reason);
    }

    private static long millis(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(nanos);
    }

    /** Every resize so far (GROW and SHRINK decisions), oldest first. */
    public List<Decision> history() {
        return List.copyOf(history);
    }

    /** {@code listener} hears of every resize from now on, on the thread that ticked. */
    public void onResize(Consumer<Decision> listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /**
     * Runs {@link #tick()} every {@code period} on {@code scheduler} until {@link #close()}. The scheduler stays the
     * caller's: closing the controller cancels its ticks but does not shut the scheduler down.
     *
     * @throws IllegalStateException when already started or closed
     */
    public synchronized AdaptiveController start(ScheduledExecutorService scheduler, Duration period) {
        Objects.requireNonNull(scheduler, "scheduler");
        if (period == null || period.isZero() || period.isNegative()) {
            throw new IllegalArgumentException("the tick period must be a positive duration, but was " + period);
        }
        if (closed || schedule != null) {
            throw new IllegalStateException(closed ? "the controller is closed; create a new one"
                    : "the controller is already started");
        }
        long nanos = period.toNanos();
        schedule = scheduler.scheduleWithFixedDelay(this::scheduledTick, nanos, nanos, TimeUnit.NANOSECONDS);
        return this;
    }

    private void scheduledTick() {
        try {
            synchronized (this) {
                if (!closed) {
                    tick();
                }
            }
        } catch (RuntimeException e) {
            // A periodic task that throws is never run again; report the failure and keep the loop alive.
            Thread current = Thread.currentThread();
            current.getUncaughtExceptionHandler().uncaughtException(current, e);
        }
    }

    /** Stops ticking and stops listening to the pool's waits; the pool keeps its current limit. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (schedule != null) {
            schedule.cancel(false);
        }
        pool.removeWaitListener(recordWait);
    }
}
