package poolkit.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;

/** The benchmark's figures as a console table, as CSV (one row per run) and as JSON (one object per summary). */
public final class Reports {

    /** The CSV header; every row has these columns, in this order. */
    public static final String CSV_HEADER = "strategy,model,load,repeat,requests,succeeded,errors,timeouts,"
            + "connections_opened,elapsed_ms,throughput_rps,p50_ms,p90_ms,p99_ms,p999_ms,max_ms";

    private Reports() {
    }

    /**
     * A table for the console: a header line, then one line per summary with the median of each figure and the
     * throughput's min–max range over the runs.
     */
    public static String table(List<Summary> summaries) {
        String format = "%-20s %-14s %7s %22s %9s %9s %9s %9s %9s %7s %7s %8s%n";
        StringBuilder table = new StringBuilder();
        table.append(String.format(Locale.ROOT, format, "strategy", "model", "load", "throughput req/s (range)",
                "p50 ms", "p90 ms", "p99 ms", "p99.9 ms", "max ms", "opened", "errors", "timeouts"));
        for (Summary s : summaries) {
            String throughput = String.format(Locale.ROOT, "%.0f (%.0f-%.0f)",
                    s.throughput().median(), s.throughput().min(), s.throughput().max());
            table.append(String.format(Locale.ROOT, format, s.strategy(), s.model(), s.load(), throughput,
                    millis(s.p50Millis().median()), millis(s.p90Millis().median()), millis(s.p99Millis().median()),
                    millis(s.p999Millis().median()), millis(s.maxMillis().median()),
                    String.format(Locale.ROOT, "%.0f", s.connectionsOpened().median()), s.errors(), s.timeouts()));
        }
        return table.toString();
    }

    /** One row per run under {@link #CSV_HEADER}; decimals with a dot, whatever the machine's locale. */
    public static void writeCsv(Path file, List<Measurement> measurements) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add(CSV_HEADER);
        for (Measurement m : measurements) {
            RunResult r = m.result();
            LatencySummary latency = r.latency();
            lines.add(String.join(",", csvText(m.strategy()), csvText(m.model()), String.valueOf(m.load()),
                    String.valueOf(m.repeat()), String.valueOf(r.requests()), String.valueOf(r.succeeded()),
                    String.valueOf(r.errors()), String.valueOf(r.timeouts()), String.valueOf(m.connectionsOpened()),
                    decimal(r.elapsedNanos() / 1e6), decimal(r.throughput()),
                    decimal(LatencySummary.millis(latency.p50())), decimal(LatencySummary.millis(latency.p90())),
                    decimal(LatencySummary.millis(latency.p99())), decimal(LatencySummary.millis(latency.p999())),
                    decimal(LatencySummary.millis(latency.max()))));
        }
        Files.write(file, lines);
    }

    /**
     * A JSON array with one object per summary: strategy, model, load, runs, errors, timeouts, and for
     * throughput_rps, p50_ms, p90_ms, p99_ms, p999_ms, max_ms and connections_opened an object
     * {"min", "median", "max"}.
     */
    public static void writeJson(Path file, List<Summary> summaries) throws IOException {
        StringJoiner array = new StringJoiner(",\n", "[\n", "\n]\n");
        for (Summary s : summaries) {
            array.add("  {\"strategy\": " + jsonText(s.strategy()) + ", \"model\": " + jsonText(s.model())
                    + ", \"load\": " + s.load() + ", \"runs\": " + s.runs() + ", \"errors\": " + s.errors()
                    + ", \"timeouts\": " + s.timeouts() + ",\n"
                    + "   \"throughput_rps\": " + json(s.throughput()) + ",\n"
                    + "   \"p50_ms\": " + json(s.p50Millis()) + ", \"p90_ms\": " + json(s.p90Millis()) + ",\n"
                    + "   \"p99_ms\": " + json(s.p99Millis()) + ", \"p999_ms\": " + json(s.p999Millis()) + ",\n"
                    + "   \"max_ms\": " + json(s.maxMillis()) + ",\n"
                    + "   \"connections_opened\": " + json(s.connectionsOpened()) + "}");
        }
        Files.writeString(file, array.toString());
    }

    private static String json(Spread spread) {
        return "{\"min\": " + decimal(spread.min()) + ", \"median\": " + decimal(spread.median()) + ", \"max\": "
                + decimal(spread.max()) + "}";
    }

    private static String jsonText(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** A strategy is a class name or a short spec, but quote it if it ever holds a comma or a quote. */
    private static String csvText(String text) {
        return text.contains(",") || text.contains("\"") ? "\"" + text.replace("\"", "\"\"") + "\"" : text;
    }

    private static String decimal(double value) {
        return String.format(Locale.ROOT, "%.3f", value);
    }

    private static String millis(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }
}
