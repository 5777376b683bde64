package poolkit.benchmark;

import java.util.List;
import org.HdrHistogram.Histogram;

/** Hand-made figures for the report tests, so they do not depend on a real run (or on Tasks 2 to 4). */
final class SampleResults {

    private SampleResults() {
    }

    static List<Measurement> measurements() {
        return List.of(
                new Measurement("none", "closed", 100, 1, run(100, 100, 0, 0, 900_000_000L, 8_000_000L), 100),
                new Measurement("none", "closed", 100, 2, run(100, 98, 1, 1, 1_000_000_000L, 9_500_000L), 100),
                new Measurement("reference:1:10", "closed", 100, 1, run(100, 100, 0, 0, 40_000_000L, 1_250_000L), 10),
                new Measurement("reference:1:10", "open:2000", 100, 1, run(100, 100, 0, 0, 50_000_000L, 2_000_000L), 9),
                new Measurement("hikari:5:50", "open:500-4000", 1000, 1,
                        run(1000, 1000, 0, 0, 250_000_000L, 2_500_000L), 12));
    }

    /** A run whose successful requests took from p50 / succeeded to 2 x p50, evenly spread. */
    private static RunResult run(int requests, int succeeded, int errors, int timeouts, long elapsed, long p50) {
        Histogram latencies = new Histogram(3);
        for (int i = 1; i <= succeeded; i++) {
            latencies.recordValue(2 * p50 * i / succeeded);
        }
        return new RunResult(requests, succeeded, errors, timeouts, elapsed, latencies,
                succeeded == requests ? null : "java.sql.SQLException: refused, \"quoted\"");
    }

    static List<Summary> summaries() {
        return List.of(
                new Summary("none", "closed", 100, 2, new Spread(98, 105.5, 111.1), new Spread(8, 8.75, 9.5),
                        new Spread(14.4, 15.75, 17.1), new Spread(16, 17.5, 19), new Spread(24, 26.25, 28.5),
                        new Spread(32, 35, 38), new Spread(100, 100, 100), 1, 1),
                new Summary("reference:1:10", "closed", 100, 1, new Spread(2500, 2500, 2500),
                        new Spread(1.25, 1.25, 1.25), new Spread(2.25, 2.25, 2.25), new Spread(2.5, 2.5, 2.5),
                        new Spread(3.75, 3.75, 3.75), new Spread(5, 5, 5), new Spread(10, 10, 10), 0, 0),
                new Summary("reference:1:10", "open:2000", 100, 1, new Spread(1998, 1998, 1998),
                        new Spread(2, 2, 2), new Spread(180.5, 180.5, 180.5), new Spread(310, 310, 310),
                        new Spread(350, 350, 350), new Spread(351, 351, 351), new Spread(9, 9, 9), 0, 0),
                new Summary("hikari:5:50", "open:500-4000", 1000, 1, new Spread(4000, 4000, 4000),
                        new Spread(2.5, 2.5, 2.5), new Spread(4.5, 4.5, 4.5), new Spread(5, 5, 5),
                        new Spread(7.5, 7.5, 7.5), new Spread(10, 10, 10), new Spread(12, 12, 12), 0, 0));
    }

    /** A strategy whose every request failed: all its figures are zero. */
    static Summary allFailed() {
        Spread zero = new Spread(0, 0, 0);
        return new Summary("broken:1:1", "closed", 10000, 3, zero, zero, zero, zero, zero, zero, zero, 30000, 0);
    }
}
