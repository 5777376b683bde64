package poolkit.benchmark;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * GIVEN: the cost of the pool itself: borrow a connection and give it back, no statement. The connections are real
 * PostgreSQL connections (opened once, at set-up), so what is measured is the pool's bookkeeping, its hand-off
 * between threads, and what it does to a connection on the way out and back in.
 *
 * <ul>
 *   <li>{@link #singleThread}: one thread, never waits: the pure path length of a cycle.</li>
 *   <li>{@link #contended}: {@value #CONTENDED_THREADS} threads on {@value #POOL_SIZE} connections: borrowers
 *       wait and are woken, so lock hand-off and wake-ups dominate.</li>
 * </ul>
 * Sampled (each sampled cycle is timed on its own), so the report can give the median cycle as well as the mean: on
 * a busy machine a cycle in which the operating system took the CPU away lands in the tail, not in the median.
 * Run it through {@code BenchmarkMain} (it starts the database and passes its address to the JMH fork).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PoolCycleBenchmark {

    public static final int POOL_SIZE = 4;
    public static final int CONTENDED_THREADS = 8;

    /** A strategy name without sizes: reference, hikari, or a PoolFactory class name. */
    @Param({"reference", "hikari"})
    public String pool;

    private DataSource dataSource;

    @Setup(Level.Trial)
    public void startPool() throws SQLException {
        Strategy strategy = Strategy.parse(pool + ":" + POOL_SIZE + ":" + POOL_SIZE);
        dataSource = strategy.start(ConnectionSource.fromSystemProperties());
    }

    @TearDown(Level.Trial)
    public void stopPool() throws Exception {
        Strategy.stop(dataSource);
    }

    @Benchmark
    @Threads(1)
    public void singleThread(Blackhole blackhole) throws SQLException {
        cycle(blackhole);
    }

    @Benchmark
    @Threads(CONTENDED_THREADS)
    public void contended(Blackhole blackhole) throws SQLException {
        cycle(blackhole);
    }

    private void cycle(Blackhole blackhole) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            blackhole.consume(connection);
        }
    }
}
