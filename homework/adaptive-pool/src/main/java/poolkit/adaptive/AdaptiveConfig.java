package poolkit.adaptive;

import java.time.Duration;

/**
 * How an {@link AdaptiveController} sizes its pool. Build one with {@link #builder()}; every value not set keeps
 * its default.
 *
 * @param floor      the smallest limit the controller ever sets (1 or more)
 * @param ceiling    the largest limit it ever sets (at least floor)
 * @param targetWait the wait borrowers should not exceed: a p95 wait above it makes the pool grow
 * @param window     how far back the wait samples reach
 * @param coolDown   the least time between two resizes (zero allows one per tick)
 * @param growStep   how many connections one GROW adds (1 or more)
 * @param shrinkStep how many connections one SHRINK removes at most (1 or more)
 * @param minSamples the fewest borrows in the window before their p95 may make the pool grow (1 or more)
 */
public record AdaptiveConfig(int floor, int ceiling, Duration targetWait, Duration window, Duration coolDown,
                             int growStep, int shrinkStep, int minSamples) {

    public static final int DEFAULT_FLOOR = 2;
    public static final int DEFAULT_CEILING = 20;
    public static final Duration DEFAULT_TARGET_WAIT = Duration.ofMillis(50);
    public static final Duration DEFAULT_WINDOW = Duration.ofSeconds(10);
    public static final Duration DEFAULT_COOL_DOWN = Duration.ofSeconds(30);
    public static final int DEFAULT_GROW_STEP = 2;
    public static final int DEFAULT_SHRINK_STEP = 1;
    public static final int DEFAULT_MIN_SAMPLES = 20;

    /**
     * TASK 1: reject a configuration no controller could honour. Throw an {@link IllegalArgumentException} whose
     * message names the field and the value it got, when:
     * <ul>
     *   <li>floor, growStep, shrinkStep or minSamples is less than 1;</li>
     *   <li>ceiling is below floor (name both fields and both values);</li>
     *   <li>targetWait or window is null, zero or negative;</li>
     *   <li>coolDown is null or negative (zero is allowed: then nothing holds back a resize).</li>
     * </ul>
     * A record's compact constructor runs before its fields are set: check the parameters themselves.
     */
    public AdaptiveConfig {
        throw NotImplemented.task(1, "validate the configuration in the AdaptiveConfig constructor");
    }

    /** The defaults, unchanged. */
    public static AdaptiveConfig defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Collects values; {@link #build()} validates them all at once. */
    public static final class Builder {
        private int floor = DEFAULT_FLOOR;
        private int ceiling = DEFAULT_CEILING;
        private Duration targetWait = DEFAULT_TARGET_WAIT;
        private Duration window = DEFAULT_WINDOW;
        private Duration coolDown = DEFAULT_COOL_DOWN;
        private int growStep = DEFAULT_GROW_STEP;
        private int shrinkStep = DEFAULT_SHRINK_STEP;
        private int minSamples = DEFAULT_MIN_SAMPLES;

        private Builder() {
        }

        public Builder floor(int value) {
            this.floor = value;
            return this;
        }

        public Builder ceiling(int value) {
            this.ceiling = value;
            return this;
        }

        public Builder targetWait(Duration value) {
            this.targetWait = value;
            return this;
        }

        public Builder window(Duration value) {
            this.window = value;
            return this;
        }

        public Builder coolDown(Duration value) {
            this.coolDown = value;
            return this;
        }

        public Builder growStep(int value) {
            this.growStep = value;
            return this;
        }

        public Builder shrinkStep(int value) {
            this.shrinkStep = value;
            return this;
        }

        public Builder minSamples(int value) {
            this.minSamples = value;
            return this;
        }

        /** @throws IllegalArgumentException naming the first invalid field */
        public AdaptiveConfig build() {
            return new AdaptiveConfig(floor, ceiling, targetWait, window, coolDown, growStep, shrinkStep, minSamples);
        }
    }
}
