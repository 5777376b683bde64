package poolkit.benchmark;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import java.util.function.ToLongFunction;
import org.HdrHistogram.Histogram;

/**
 * GIVEN: the repeated runs of one strategy, load model and load, condensed: each figure as a {@link Spread} over the
 * runs (the median run, and the best and worst). Latencies are in milliseconds; errors and timeouts are summed over
 * the runs.
 */
public record Summary(String strategy, String model, int load, int runs, Spread throughput, Spread p50Millis,
                      Spread p90Millis, Spread p99Millis, Spread p999Millis, Spread maxMillis,
                      Spread connectionsOpened, int errors, int timeouts) {

    /** One summary per (strategy, model, load), in the order the measurements first name them. */
    public static List<Summary> of(List<Measurement> measurements) {
        return groups(measurements).stream().map(Summary::ofGroup).toList();
    }

    /**
     * The latencies of all the runs of each (strategy, model, load) in one histogram, in the order of {@link #of}:
     * the whole distribution, for HdrHistogram's percentile report (the {@code .hgrm} files).
     */
    public static List<Histogram> mergedLatencies(List<Measurement> measurements) {
        List<Histogram> merged = new ArrayList<>();
        for (List<Measurement> group : groups(measurements)) {
            Histogram all = group.get(0).result().latencies().copy();
            group.stream().skip(1).forEach(m -> all.add(m.result().latencies()));
            merged.add(all);
        }
        return merged;
    }

    private static List<List<Measurement>> groups(List<Measurement> measurements) {
        Map<String, List<Measurement>> groups = new LinkedHashMap<>();
        for (Measurement measurement : measurements) {
            groups.computeIfAbsent(measurement.strategy() + "\n" + measurement.model() + "\n" + measurement.load(),
                    key -> new ArrayList<>()).add(measurement);
        }
        return new ArrayList<>(groups.values());
    }

    private static Summary ofGroup(List<Measurement> runs) {
        Measurement first = runs.get(0);
        List<LatencySummary> latencies = runs.stream().map(m -> m.result().latency()).toList();
        return new Summary(first.strategy(), first.model(), first.load(), runs.size(),
                spread(runs, m -> m.result().throughput()),
                spreadOf(latencies, LatencySummary::p50),
                spreadOf(latencies, LatencySummary::p90),
                spreadOf(latencies, LatencySummary::p99),
                spreadOf(latencies, LatencySummary::p999),
                spreadOf(latencies, LatencySummary::max),
                spread(runs, m -> m.connectionsOpened()),
                runs.stream().mapToInt(m -> m.result().errors()).sum(),
                runs.stream().mapToInt(m -> m.result().timeouts()).sum());
    }

    private static Spread spread(List<Measurement> runs, ToDoubleFunction<Measurement> figure) {
        return Statistics.spread(runs.stream().mapToDouble(figure).toArray());
    }

    private static Spread spreadOf(List<LatencySummary> latencies, ToLongFunction<LatencySummary> nanos) {
        return Statistics.spread(latencies.stream().mapToDouble(l -> LatencySummary.millis(nanos.applyAsLong(l))).toArray());
    }
}
