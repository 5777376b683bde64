package poolkit.benchmark;

/** GIVEN: how much repeated runs of the same measurement agree: the smallest, the median and the largest value. */
public record Spread(double min, double median, double max) {
}
