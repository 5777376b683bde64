package poolkit.benchmark;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import javax.sql.DataSource;

/**
 * GIVEN: runs every strategy at every load model and load, several times, with {@link LoadRunner}, and collects one
 * {@link Measurement} per run. Each run gets a fresh pool (its start-up connections count for the run, its start-up
 * time does not), and the strategies take turns within each repetition, so a slow phase of the machine does not
 * land on one strategy only.
 */
public final class Benchmark {

    /**
     * What to run.
     *
     * @param strategies what to compare
     * @param models     how the requests arrive: {@link LoadModel#CLOSED}, a fixed rate, a ramp
     * @param loads      requests per run, e.g. 100, 1000, 10000
     * @param repeats    runs per strategy, model and load
     * @param threads    the runner's platform worker threads: how many requests are in flight at once at most
     * @param threadKind platform worker threads, or a virtual thread per request
     * @param warmup     requests each strategy runs first, unmeasured (closed model), so the JIT has compiled the
     *                   hot paths
     * @param workload   what each request does
     * @param stall      if not zero, the middle request of each run locks the trades table for this long (PostgreSQL
     *                   only; see {@link Workload#withStallAt})
     */
    public record Plan(List<Strategy> strategies, List<LoadModel> models, List<Integer> loads, int repeats,
                       int threads, ThreadKind threadKind, int warmup, Workload workload, Duration stall) {
        public Plan {
            strategies = List.copyOf(strategies);
            models = List.copyOf(models);
            loads = List.copyOf(loads);
            if (strategies.isEmpty() || models.isEmpty() || loads.isEmpty()) {
                throw new IllegalArgumentException("a plan needs at least one strategy, one load model and one load");
            }
            if (repeats < 1 || threads < 1 || warmup < 0 || loads.stream().anyMatch(load -> load < 1)
                    || stall.isNegative()) {
                throw new IllegalArgumentException("repeats, threads and every load must be at least 1, warmup and "
                        + "stall at least 0; got repeats=" + repeats + ", threads=" + threads + ", loads=" + loads
                        + ", warmup=" + warmup + ", stall=" + stall);
            }
        }

        /** The closed model on platform threads, without a stall: the plan of the first version of the homework. */
        public Plan(List<Strategy> strategies, List<Integer> loads, int repeats, int threads, int warmup,
                    Workload workload) {
            this(strategies, List.of(LoadModel.CLOSED), loads, repeats, threads, ThreadKind.PLATFORM, warmup,
                    workload, Duration.ZERO);
        }

        public int runs() {
            return strategies.size() * models.size() * loads.size() * repeats;
        }
    }

    private final Plan plan;
    private final ConnectionSource physical;
    private final Consumer<String> progress;

    /** @param progress receives a one-line description of where the benchmark is, often (print it, or ignore it) */
    public Benchmark(Plan plan, ConnectionSource physical, Consumer<String> progress) {
        this.plan = plan;
        this.physical = physical;
        this.progress = progress;
    }

    public List<Measurement> run() throws Exception {
        LoadRunner runner = new LoadRunner(plan.threads(), plan.threadKind());
        if (plan.warmup() > 0) {
            for (Strategy strategy : plan.strategies()) {
                runOnce(runner, strategy, LoadModel.CLOSED, plan.warmup(), plan.workload(),
                        "warm-up " + strategy.name());
            }
        }
        List<Measurement> measurements = new ArrayList<>();
        for (int load : plan.loads()) {
            Workload workload = plan.stall().isZero() ? plan.workload()
                    : plan.workload().withStallAt(load / 2, plan.stall());
            for (LoadModel model : plan.models()) {
                for (int repeat = 1; repeat <= plan.repeats(); repeat++) {
                    for (Strategy strategy : plan.strategies()) {
                        String label = String.format("run %d/%d: %,d requests, %s, repeat %d/%d, %s",
                                measurements.size() + 1, plan.runs(), load, model.name(), repeat, plan.repeats(),
                                strategy.name());
                        long openedBefore = physical.connectionsOpened();
                        RunResult result = runOnce(runner, strategy, model, load, workload, label);
                        measurements.add(new Measurement(strategy.name(), model.name(), load, repeat, result,
                                physical.connectionsOpened() - openedBefore));
                    }
                }
            }
        }
        return measurements;
    }

    private RunResult runOnce(LoadRunner runner, Strategy strategy, LoadModel model, int requests, Workload workload,
                              String label) throws Exception {
        DataSource dataSource = startOrExplain(strategy);
        try {
            int step = Math.max(1, requests / 50);
            ProgressListener listener = (done, total) -> {
                if (done % step == 0 || done == total) {
                    progress.accept(label + "  " + done + "/" + total);
                }
            };
            return model.isOpen() ? runner.runOpen(dataSource, workload, requests, model, listener)
                    : runner.run(dataSource, workload, requests, listener);
        } finally {
            Strategy.stop(dataSource);
        }
    }

    private DataSource startOrExplain(Strategy strategy) throws SQLException {
        try {
            return strategy.start(physical);
        } catch (SQLException | RuntimeException e) {
            throw new SQLException("strategy " + strategy.name() + " could not start its pool: " + e.getMessage(), e);
        }
    }
}
