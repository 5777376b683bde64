package poolkit.benchmark;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * GIVEN: the benchmark program. Starts PostgreSQL with SCRAM authentication, runs the load benchmark, prints the
 * table, writes results.csv, results.json, chart.svg and one HdrHistogram percentile report (.hgrm) per strategy,
 * model and load, then runs the JMH acquire-and-release comparison. See the homework README for the command and the
 * options ({@code --help} lists them too).
 */
public final class BenchmarkMain {

    private static final Map<String, String> DEFAULTS = new LinkedHashMap<>();

    static {
        DEFAULTS.put("loads", "100,1000,10000");
        DEFAULTS.put("models", "closed,open:1000");
        DEFAULTS.put("strategies", Strategy.DEFAULTS);
        DEFAULTS.put("repeats", "3");
        DEFAULTS.put("threads", "200");
        DEFAULTS.put("thread-kind", "platform");
        DEFAULTS.put("warmup", "500");
        DEFAULTS.put("workload", "insert");
        DEFAULTS.put("stall", "0");
        DEFAULTS.put("out", "target/benchmark");
        DEFAULTS.put("jmh", "reference,hikari");
    }

    private static final String HELP = """
            Options (each --name value; defaults in brackets):
              --loads 100,1000,10000     requests per run; 'off' skips the load benchmark
              --models closed,open:1000  how requests arrive: closed (workers back to back), open:RATE (RATE
                                         requests/s, latency from each one's intended start), open:FROM-TO (a ramp)
              --strategies LIST          none, reference:MIN:MAX, hikari:MIN:MAX, or a.PoolFactory:MIN:MAX [%s]
              --repeats 3                runs per strategy, model and load; the report shows their spread
              --threads 200              platform worker threads: at most this many requests in flight at once
              --thread-kind platform     platform (a fixed pool of --threads workers) or virtual (a virtual thread
                                         per request, Java 21+; on older Java the benchmark says so and uses platform)
              --warmup 500               unmeasured requests per strategy before measuring
              --workload insert          insert (one trade) or select (a symbol's 10 latest trades)
              --stall 0                  milliseconds the middle request of each run locks the trades table (0: never)
              --out target/benchmark     where results.csv, results.json, chart.svg, histograms/ and jmh.json go
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

        System.out.println("Java " + Runtime.version() + ", " + Runtime.getRuntime().availableProcessors()
                + " processors. Starting PostgreSQL 17 (SCRAM-SHA-256 over TCP on loopback)...");
        try (BenchmarkDatabase database = BenchmarkDatabase.start()) {
            ConnectionSource physical = database.newConnectionSource();
            if (loadBenchmark) {
                runLoadBenchmark(plan, options, physical, out);
            }
            if (jmh) {
                runJmh(options.get("jmh"), physical, out.resolve("jmh.json"));
            }
        }
    }

    private static Benchmark.Plan plan(Map<String, String> options) {
        ThreadKind threadKind = ThreadKind.choose(ThreadKind.parse(options.get("thread-kind")), System.out::println);
        Benchmark.Plan plan = new Benchmark.Plan(
                Strategy.parseList(options.get("strategies")),
                Arrays.stream(options.get("models").split(",")).map(LoadModel::parse).toList(),
                Arrays.stream(options.get("loads").split(",")).map(String::trim).map(Integer::valueOf).toList(),
                Integer.parseInt(options.get("repeats")),
                Integer.parseInt(options.get("threads")),
                threadKind,
                Integer.parseInt(options.get("warmup")),
                Workload.named(options.get("workload")),
                Duration.ofMillis(Long.parseLong(options.get("stall"))));
        requireServerRoom(plan);
        return plan;
    }

    private static void runLoadBenchmark(Benchmark.Plan plan, Map<String, String> options, ConnectionSource physical,
                                         Path out) throws Exception {
        System.out.printf("%d runs: strategies %s, models %s, loads %s, %d repeats, %s, workload %s%s%n",
                plan.runs(), options.get("strategies"), options.get("models"), plan.loads(), plan.repeats(),
                plan.threadKind() == ThreadKind.VIRTUAL ? "a virtual thread per request"
                        : plan.threads() + " platform threads", options.get("workload"),
                plan.stall().isZero() ? "" : ", a " + plan.stall().toMillis() + " ms table lock in the middle of each run");
        ProgressLine progress = new ProgressLine();
        List<Measurement> measurements = new Benchmark(plan, physical, progress::show).run();
        progress.finish();

        List<Summary> summaries = Summary.of(measurements);
        System.out.println();
        System.out.print(Reports.table(summaries));
        Reports.writeCsv(out.resolve("results.csv"), measurements);
        Reports.writeJson(out.resolve("results.json"), summaries);
        Chart.writeSvg(out.resolve("chart.svg"), summaries);
        Path histograms = writeHistograms(out.resolve("histograms"), summaries, Summary.mergedLatencies(measurements));
        System.out.println("\nWrote " + out.resolve("results.csv") + ", " + out.resolve("results.json") + ", "
                + out.resolve("chart.svg") + " (open it in a browser) and the latency distributions in " + histograms);
        measurements.stream().filter(m -> m.result().firstError() != null).findFirst().ifPresent(m ->
                System.out.println("First error (" + m.strategy() + ", " + m.model() + ", " + m.load() + " requests): "
                        + m.result().firstError()));
    }

    /**
     * HdrHistogram's own percentile report of every (strategy, model, load), all repeats together, in milliseconds:
     * the whole distribution rather than five points of it. HdrHistogram's plotter (plotFiles.html in its
     * repository) draws several of them on one chart.
     */
    private static Path writeHistograms(Path folder, List<Summary> summaries, List<Histogram> merged) throws Exception {
        Files.createDirectories(folder);
        for (int i = 0; i < summaries.size(); i++) {
            Summary summary = summaries.get(i);
            String name = (summary.strategy() + "_" + summary.model() + "_" + summary.load())
                    .replaceAll("[^A-Za-z0-9._-]+", "-") + ".hgrm";
            try (PrintStream file = new PrintStream(Files.newOutputStream(folder.resolve(name)), false,
                    StandardCharsets.UTF_8)) {
                merged.get(i).outputPercentileDistribution(file, 1_000_000.0);
            }
        }
        return folder;
    }

    /** A strategy without a pool holds one connection per request in flight: leave the server room for that. */
    private static void requireServerRoom(Benchmark.Plan plan) {
        int inFlight = plan.threadKind() == ThreadKind.VIRTUAL
                ? plan.loads().stream().mapToInt(Integer::intValue).max().orElse(0) : plan.threads();
        int largestPool = plan.strategies().stream()
                .mapToInt(s -> s.maxConnections() == 0 ? inFlight : s.maxConnections()).max().orElse(0);
        int room = BenchmarkDatabase.MAX_CONNECTIONS - 10;
        if (largestPool > room) {
            throw new IllegalArgumentException("up to " + largestPool + " connections at once (--threads, a pool's "
                    + "MAX, or with virtual threads and no pool, every request of a run), but the server allows "
                    + BenchmarkDatabase.MAX_CONNECTIONS + ": use at most " + room);
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
