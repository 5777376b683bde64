package poolkit.adaptive;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.Objects;

/**
 * The waits of recent borrows: a sliding window over the last {@code length} of ticker time.
 *
 * <p>Samples sit in a deque, oldest first, each with the time it was recorded; whoever touches the window first
 * drops the samples that slid out of it. One lock guards the deque: recording is a few nanoseconds of work under
 * it, and the summary copies the waits out and sorts them (it runs once per controller step, not per borrow).
 * To bound memory under a flood of borrows, the window keeps at most {@link #MAX_SAMPLES}, dropping the oldest.
 */
public final class WaitWindow {

    /** Far more than a window of a few seconds needs to estimate a p95; bounds the memory a flood of borrows takes. */
    static final int MAX_SAMPLES = 100_000;

    private final long lengthNanos;
    private final Ticker ticker;
    private final Deque<Sample> samples = new ArrayDeque<>(); // guarded by this

    /**
     * @param length how far back samples count
     * @param ticker where the time of each sample and of each summary is read
     */
    public WaitWindow(Duration length, Ticker ticker) {
        Objects.requireNonNull(length, "length");
        if (length.isZero() || length.isNegative()) {
            throw new IllegalArgumentException("a wait window must be a positive duration, but was " + length);
        }
        this.lengthNanos = length.toNanos();
        this.ticker = Objects.requireNonNull(ticker, "ticker");
    }

    /** Records one borrower's wait, dated now. Safe to call from many threads at once. */
    public void record(long waitNanos) {
        synchronized (this) {
            long now = ticker.nanoTime(); // read under the lock, so the deque stays in time order
            dropExpired(now);
            if (samples.size() == MAX_SAMPLES) {
                samples.pollFirst();
            }
            samples.addLast(new Sample(now, Math.max(0, waitNanos)));
        }
    }

    /** What the borrows recorded during the last {@code length} waited. */
    public WaitSummary summary() {
        long now = ticker.nanoTime();
        long[] waits;
        synchronized (this) {
            dropExpired(now);
            waits = samples.stream().mapToLong(Sample::waitNanos).toArray();
        }
        if (waits.length == 0) {
            return WaitSummary.EMPTY;
        }
        Arrays.sort(waits);
        int nearestRank = (int) Math.ceil(0.95 * waits.length); // 1-based: at least 95 % of samples are ≤ it
        long sum = 0;
        for (long wait : waits) {
            sum += wait;
        }
        return new WaitSummary(waits.length, Duration.ofNanos(waits[nearestRank - 1]),
                Duration.ofNanos(sum / waits.length), Duration.ofNanos(waits[waits.length - 1]));
    }

    /** Forgets every sample. */
    public synchronized void clear() {
        samples.clear();
    }

    /** A sample recorded at {@code at} counts while {@code now - at < length}. Called holding the lock. */
    private void dropExpired(long now) {
        while (!samples.isEmpty() && now - samples.peekFirst().recordedAt() >= lengthNanos) {
            samples.pollFirst();
        }
    }

    private record Sample(long recordedAt, long waitNanos) {
    }
}
