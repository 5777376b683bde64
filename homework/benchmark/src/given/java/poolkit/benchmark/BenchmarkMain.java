package poolkit.benchmark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * GIVEN: the benchmark program. Starts PostgreSQL with SCRAM authentication, runs the load benchmark, prints the
 * table, writes results.csv, results.json and chart.svg, then runs the JMH acquire-and-release comparison. See the
 * homework README for the command and the options ({@code --help} lists them too).
 */
public final class BenchmarkMain {

    private static final Map<String, String> DEFAULTS = new LinkedHashMap<>();

    static {
        DEFAULTS.put("loads", "100,1000,10000");
        DEFAULTS.put("strategies", Strategy.DEFAULTS);
        DEFAULTS.put("repeats", "3");
        DEFAULTS.put("threads", "200");
        DEFAULTS.put("warmup", "500");
        DEFAULTS.put("workload", "insert");
        DEFAULTS.put("out", "target/benchmark");
        DEFAULTS.put("jmh", "reference,hikari");
    }

    private static final String HELP = """
            Options (each --name value; defaults in brackets):
              --loads 100,1000,10000     requests per run; all submitted at once; 'off' skips the load benchmark
              --strategies LIST          none, reference:MIN:MAX, hikari:MIN:MAX, or a.PoolFactory:MIN:MAX [%s]
              --repeats 3                runs per strategy and load; the report shows their spread
              --threads 200              worker threads: at most this many requests in flight at once
              --warmup 500               unmeasured requests per strategy before measuring
              --workload insert          insert (one trade) or select (a symbol's 10 latest trades)
              --out target/benchmark     where results.csv, results.json, chart.svg and jmh.json go
              --jmh reference,hikari     pools for the JMH acquire/release comparison; 'off' skips it
            """.formatted(Strategy.DEFAULTS);

    private BenchmarkMain() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = parse(args);
        boolean loadBenchmark = !options.get("loads").equals("off");
        boolean jmh = !options.get("jmh").equals("off");
        Benchmark.Plan plan = loadBenchmark ? plan(options) : null;
        Path out = Path.of(options.get("out"));
        Files.createDirectories(out);

        System.out.println("Starting PostgreSQL 17 (SCRAM-SHA-256 over TCP on loopback)...");
        try (BenchmarkDatabase database = BenchmarkDatabase.start()) {
            ConnectionSource physical = database.newConnectionSource();
            if (loadBenchmark) {
                runLoadBenchmark(plan, options.get("strategies"), physical, out);
            }
            if (jmh) {
                runJmh(options.get("jmh"), physical, out.resolve("jmh.json"));
            }
        }
    }

    private static Benchmark.Plan plan(Map<String, String> options) {
        Benchmark.Plan plan = new Benchmark.Plan(
                Strategy.parseList(options.get("strategies")),
                Arrays.stream(options.get("loads").split(",")).map(String::trim).map(Integer::valueOf).toList(),
                Integer.parseInt(options.get("repeats")),
                Integer.parseInt(options.get("threads")),
                Integer.parseInt(options.get("warmup")),
                Workload.valueOf(options.get("workload").toUpperCase(Locale.ROOT)));
        requireServerRoom(plan);
        return plan;
    }

    private static void runLoadBenchmark(Benchmark.Plan plan, String strategies, ConnectionSource physical, Path out)
            throws Exception {
        System.out.printf("%d runs: strategies %s, loads %s, %d repeats, %d threads, workload %s%n",
                plan.runs(), strategies, plan.loads(), plan.repeats(), plan.threads(),
                plan.workload().name().toLowerCase(Locale.ROOT));
        ProgressLine progress = new ProgressLine();
        List<Measurement> measurements = new Benchmark(plan, physical, progress::show).run();
        progress.finish();

        List<Summary> summaries = Summary.of(measurements);
        System.out.println();
        System.out.print(Reports.table(summaries));
        Reports.writeCsv(out.resolve("results.csv"), measurements);
        Reports.writeJson(out.resolve("results.json"), summaries);
        Chart.writeSvg(out.resolve("chart.svg"), summaries);
        System.out.println("\nWrote " + out.resolve("results.csv") + ", " + out.resolve("results.json")
                + " and " + out.resolve("chart.svg") + " (open it in a browser)");
        measurements.stream().filter(m -> m.result().firstError() != null).findFirst().ifPresent(m ->
                System.out.println("First error (" + m.strategy() + ", " + m.load() + " requests): "
                        + m.result().firstError()));
    }

    /** A strategy without a pool holds one connection per thread: leave the server room for that. */
    private static void requireServerRoom(Benchmark.Plan plan) {
        int largestPool = plan.strategies().stream()
                .mapToInt(s -> s.maxConnections() == 0 ? plan.threads() : s.maxConnections()).max().orElse(0);
        int room = BenchmarkDatabase.MAX_CONNECTIONS - 10;
        if (largestPool > room) {
            throw new IllegalArgumentException("up to " + largestPool + " connections at once (--threads or a pool's "
                    + "MAX), but the server allows " + BenchmarkDatabase.MAX_CONNECTIONS + ": use at most " + room);
        }
    }

    private static void runJmh(String pools, ConnectionSource physical, Path resultFile) throws Exception {
        System.out.println("\nJMH: borrow and give back one connection, no statement (pools of "
                + PoolCycleBenchmark.POOL_SIZE + "; contended = " + PoolCycleBenchmark.CONTENDED_THREADS
                + " threads). About a minute.");
        Collection<RunResult> results = new Runner(new OptionsBuilder()
                .include(PoolCycleBenchmark.class.getName())
                .param("pool", pools.split(","))
                .jvmArgsAppend(physical.asSystemProperties().toArray(String[]::new))
                .resultFormat(ResultFormatType.JSON)
                .result(resultFile.toString())
                .build()).run();
        Map<String, Map<String, double[]>> nanosByBenchmark = new TreeMap<>();
        for (RunResult result : results) {
            String benchmark = result.getParams().getBenchmark().replaceAll(".*\\.", "");
            org.openjdk.jmh.util.Statistics cycles = result.getPrimaryResult().getStatistics();
            nanosByBenchmark.computeIfAbsent(benchmark, key -> new LinkedHashMap<>())
                    .put(result.getParams().getParam("pool"), new double[] {cycles.getPercentile(50), cycles.getMean()});
        }
        System.out.println("\nAcquire + release cycle, ns (lower is better), and the ratio to hikari:");
        System.out.printf(Locale.ROOT, "  %-14s %-12s %12s %12s %14s %14s%n", "benchmark", "pool", "median ns",
                "mean ns", "median ratio", "mean ratio");
        nanosByBenchmark.forEach((benchmark, byPool) -> byPool.forEach((pool, nanos) -> {
            double[] hikari = byPool.get("hikari");
            System.out.printf(Locale.ROOT, "  %-14s %-12s %12.0f %12.0f %14s %14s%n", benchmark, pool, nanos[0],
                    nanos[1], ratio(nanos[0], hikari == null ? 0 : hikari[0]),
                    ratio(nanos[1], hikari == null ? 0 : hikari[1]));
        }));
        System.out.println("Wrote " + resultFile);
    }

    private static String ratio(double nanos, double hikariNanos) {
        return hikariNanos == 0 ? "" : String.format(Locale.ROOT, "%.2fx", nanos / hikariNanos);
    }

    private static Map<String, String> parse(String[] args) {
        Map<String, String> options = new LinkedHashMap<>(DEFAULTS);
        List<String> rest = new ArrayList<>(Arrays.asList(args));
        while (!rest.isEmpty()) {
            String name = rest.remove(0);
            if (name.equals("--help") || name.equals("-h")) {
                System.out.print(HELP);
                System.exit(0);
            }
            String value = null;
            if (name.contains("=")) {
                value = name.substring(name.indexOf('=') + 1);
                name = name.substring(0, name.indexOf('='));
            } else if (!rest.isEmpty()) {
                value = rest.remove(0);
            }
            String key = name.replaceFirst("^--", "");
            if (!name.startsWith("--") || !DEFAULTS.containsKey(key) || value == null) {
                throw new IllegalArgumentException("unknown option or missing value: '" + name + "'\n" + HELP);
            }
            options.put(key, value);
        }
        return options;
    }

    /** One line, rewritten in place, at most a few times a second. */
    private static final class ProgressLine {
        private long lastShown;
        private int width;

        synchronized void show(String line) {
            long now = System.nanoTime();
            if (now - lastShown < 200_000_000L) {
                return;
            }
            lastShown = now;
            System.out.print("\r" + line + " ".repeat(Math.max(0, width - line.length())));
            width = line.length();
            System.out.flush();
        }

        synchronized void finish() {
            System.out.println();
        }
    }
}
