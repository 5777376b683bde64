package poolkit.benchmark;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

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
        throw NotImplemented.task(5, "format the summaries as a table, one line each");
    }

    /** One row per run under {@link #CSV_HEADER}; decimals with a dot, whatever the machine's locale. */
    public static void writeCsv(Path file, List<Measurement> measurements) throws IOException {
        throw NotImplemented.task(5, "write one CSV row per measurement");
    }

    /**
     * A JSON array with one object per summary: strategy, model, load, runs, errors, timeouts, and for
     * throughput_rps, p50_ms, p90_ms, p99_ms, p999_ms, max_ms and connections_opened an object
     * {"min", "median", "max"}.
     */
    public static void writeJson(Path file, List<Summary> summaries) throws IOException {
        throw NotImplemented.task(5, "write the summaries as a JSON array");
    }
}
