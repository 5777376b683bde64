package poolkit.benchmark;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * GIVEN: the repeated runs of one strategy at one load, condensed: each figure as a {@link Spread} over the runs.
 * Latencies are in milliseconds; errors and timeouts are summed over the runs.
 */
public record Summary(String strategy, int load, int runs, Spread throughput, Spread p50Millis, Spread p95Millis,
                      Spread p99Millis, Spread maxMillis, Spread connectionsOpened, int errors, int timeouts) {

    /** One summary per (strategy, load), in the order the measurements first name them. */
    public static List<Summary> of(List<Measurement> measurements) {
        Map<String, List<Measurement>> groups = new LinkedHashMap<>();
        for (Measurement measurement : measurements) {
            groups.computeIfAbsent(measurement.strategy() + "\n" + measurement.load(), key -> new ArrayList<>())
                    .add(measurement);
        }
        return groups.values().stream().map(Summary::ofGroup).toList();
    }

    private static Summary ofGroup(List<Measurement> runs) {
        Measurement first = runs.get(0);
        return new Summary(first.strategy(), first.load(), runs.size(),
                spread(runs, m -> m.result().throughput()),
                spread(runs, m -> LatencySummary.millis(m.result().latency().p50())),
                spread(runs, m -> LatencySummary.millis(m.result().latency().p95())),
                spread(runs, m -> LatencySummary.millis(m.result().latency().p99())),
                spread(runs, m -> LatencySummary.millis(m.result().latency().max())),
                spread(runs, m -> m.connectionsOpened()),
                runs.stream().mapToInt(m -> m.result().errors()).sum(),
                runs.stream().mapToInt(m -> m.result().timeouts()).sum());
    }

    private static Spread spread(List<Measurement> runs, ToDoubleFunction<Measurement> figure) {
        return Statistics.spread(runs.stream().mapToDouble(figure).toArray());
    }
}
