package poolkit.adaptive;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;

/**
 * YOUR CONTROLLER. It sizes a {@link ResizablePool} from what it measures: each {@link #tick()} is one step of the
 * control loop, which grows the pool's limit toward the ceiling while borrowers wait longer than the target, shrinks
 * it toward the floor while connections sit idle, and otherwise holds it. README.md gives the exact rules (Tasks 3
 * and 4) and sketches designs.
 *
 * <p>Read the time only from {@code pool.ticker()}: the tests move it by hand. Replace each
 * {@code throw NotImplemented.task(...)} with your code. Add the fields you need; keep the public methods as they
 * are: the tests use only them.
 */
public final class AdaptiveController implements AutoCloseable {

    /**
     * TASK 3: keep the pool and the configuration; refuse, with an {@link IllegalArgumentException} naming the
     * limit, the floor and the ceiling, a pool whose {@code limit()} is outside [floor, ceiling]; create a
     * {@link WaitWindow} of {@code config.window()} on {@code pool.ticker()}, and make the pool report every
     * borrower's wait to it ({@code pool.addWaitListener(...)}).
     */
    public AdaptiveController(ResizablePool pool, AdaptiveConfig config) {
        throw NotImplemented.task(3, "connect the controller to the pool in the AdaptiveController constructor");
    }

    /**
     * TASK 3 (GROW), TASK 4 (SHRINK and the cool-down): one step of the control loop. Read the window's summary
     * and {@code pool.takePeakInUse()}, decide, call {@code pool.setLimit(...)} for a GROW or a SHRINK, and return
     * the {@link Decision} with its figures and a reason (HOLD decisions too). TASK 5: record each resize.
     */
    public Decision tick() {
        throw NotImplemented.task(3, "decide and resize in AdaptiveController.tick()");
    }

    /** TASK 5: every resize so far (GROW and SHRINK decisions), oldest first. */
    public List<Decision> history() {
        throw NotImplemented.task(5, "keep the resize history in AdaptiveController.history()");
    }

    /** TASK 5: from now on, {@code listener} hears of every resize, as it happens. */
    public void onResize(Consumer<Decision> listener) {
        throw NotImplemented.task(5, "tell listeners of resizes in AdaptiveController.onResize()");
    }

    /**
     * TASK 5: run {@link #tick()} every {@code period} on {@code scheduler} until {@link #close()}. Throw an
     * {@link IllegalStateException} when already started or closed. The scheduler stays the caller's. A tick that
     * throws must not end the ticking.
     */
    public AdaptiveController start(ScheduledExecutorService scheduler, Duration period) {
        throw NotImplemented.task(5, "tick on a scheduler in AdaptiveController.start()");
    }

    /**
     * TASK 5: stop ticking (cancel what {@link #start} scheduled, without shutting the scheduler down) and stop
     * listening to the pool's waits ({@code pool.removeWaitListener} with the very object the constructor added).
     * A second call does nothing.
     */
    @Override
    public void close() {
        throw NotImplemented.task(5, "stop the controller in AdaptiveController.close()");
    }
}
