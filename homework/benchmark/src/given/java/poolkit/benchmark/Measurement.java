package poolkit.benchmark;

/**
 * GIVEN: one run of one strategy at one load.
 *
 * @param strategy          the strategy's spec, e.g. {@code hikari:5:50}
 * @param model             how the requests arrived: {@link LoadModel#name()}, e.g. {@code closed} or {@code open:2000}
 * @param load              the number of requests of the run
 * @param repeat            which repetition (1, 2, ...)
 * @param result            what the run measured
 * @param connectionsOpened physical connections opened for the run, including the pool's initial ones
 */
public record Measurement(String strategy, String model, int load, int repeat, RunResult result,
                          long connectionsOpened) {
}
