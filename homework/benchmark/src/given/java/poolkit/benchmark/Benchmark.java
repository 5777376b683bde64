package poolkit.benchmark;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import javax.sql.DataSource;

/**
 * GIVEN: runs every strategy at every load, several times, with {@link LoadRunner}, and collects one
 * {@link Measurement} per run. Each run gets a fresh pool (its start-up connections count for the run, its start-up
 * time does not), and the strategies take turns within each repetition, so a slow phase of the machine does not
 * land on one strategy only.
 */
public final class Benchmark {

    /**
     * What to run.
     *
     * @param strategies what to compare
     * @param loads      requests per run, e.g. 100, 1000, 10000
     * @param repeats    runs per strategy and load
     * @param threads    the runner's worker threads: how many requests are in flight at once at most
     * @param warmup     requests each strategy runs first, unmeasured, so the JIT has compiled the hot paths
     * @param workload   what each request does
     */
    public record Plan(List<Strategy> strategies, List<Integer> loads, int repeats, int threads, int warmup,
                       Workload workload) {
        public Plan {
            strategies = List.copyOf(strategies);
            loads = List.copyOf(loads);
            if (strategies.isEmpty() || loads.isEmpty()) {
                throw new IllegalArgumentException("a plan needs at least one strategy and one load");
            }
            if (repeats < 1 || threads < 1 || warmup < 0 || loads.stream().anyMatch(load -> load < 1)) {
                throw new IllegalArgumentException("repeats, threads and every load must be at least 1, warmup at "
                        + "least 0; got repeats=" + repeats + ", threads=" + threads + ", loads=" + loads
                        + ", warmup=" + warmup);
            }
        }

        public int runs() {
            return strategies.size() * loads.size() * repeats;
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
        LoadRunner runner = new LoadRunner(plan.threads());
        if (plan.warmup() > 0) {
            for (Strategy strategy : plan.strategies()) {
                runOnce(runner, strategy, plan.warmup(), "warm-up " + strategy.name());
            }
        }
        List<Measurement> measurements = new ArrayList<>();
        for (int load : plan.loads()) {
            for (int repeat = 1; repeat <= plan.repeats(); repeat++) {
                for (Strategy strategy : plan.strategies()) {
                    String label = String.format("run %d/%d: %,d requests, repeat %d/%d, %s",
                            measurements.size() + 1, plan.runs(), load, repeat, plan.repeats(), strategy.name());
                    long openedBefore = physical.connectionsOpened();
                    RunResult result = runOnce(runner, strategy, load, label);
                    measurements.add(new Measurement(strategy.name(), load, repeat, result,
                            physical.connectionsOpened() - openedBefore));
                }
            }
        }
        return measurements;
    }

    private RunResult runOnce(LoadRunner runner, Strategy strategy, int requests, String label) throws Exception {
        DataSource dataSource = startOrExplain(strategy);
        try {
            int step = Math.max(1, requests / 50);
            return runner.run(dataSource, plan.workload(), requests, (done, total) -> {
                if (done % step == 0 || done == total) {
                    progress.accept(label + "  " + done + "/" + total);
                }
            });
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
