package poolkit.basic;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import poolkit.testsupport.Concurrently;
import poolkit.testsupport.TestDatabase;
import poolkit.testsupport.TestDatabases;
import poolkit.testsupport.TrackingConnectionFactory;
import poolkit.testsupport.Sql;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

@DisplayName("Task 4: the handle gives its connection back, clean")
class HandleTest {

    private final TestDatabase database = TestDatabases.h2();
    private final TrackingConnectionFactory factory = new TrackingConnectionFactory(database);

    private ConnectionPool onePool() throws SQLException {
        return new ConnectionPool(TestPools.config().maxConnections(1).build(), factory::connect);
    }

    @Test
    @DisplayName("closing a handle gives the connection back without closing the physical connection")
    void closeReturnsWithoutClosingPhysical() throws Exception {
        try (ConnectionPool pool = onePool()) {
            Connection handle = pool.getConnection();
            handle.close();
            assertThat(handle.isClosed()).as("handle.isClosed() after close()").isTrue();
            assertThat(factory.closed()).as("physical connections closed when a borrower closed its handle").isZero();
            assertThat(pool.stats()).as("stats after the handle was closed").isEqualTo(new PoolStats(1, 0, 1, 0));
        }
    }

    @Test
    @DisplayName("closing a handle twice gives the connection back once")
    void doubleCloseIsHarmless() throws Exception {
        try (ConnectionPool pool = new ConnectionPool(TestPools.config().maxConnections(2).build(), factory::connect)) {
            Connection handle = pool.getConnection();
            handle.close();
            handle.close();
            assertThat(pool.stats()).as("stats after closing one handle twice").isEqualTo(new PoolStats(1, 0, 1, 0));
            try (Connection first = pool.getConnection(); Connection second = pool.getConnection()) {
                assertThat(factory.opened())
                        .as("physical connections behind two handles lent at once (if 1, the double close put the same "
                                + "connection in the pool twice and two borrowers now share it)")
                        .isEqualTo(2);
            }
        }
    }

    @Test
    @DisplayName("a handle closed by two threads at the same instant gives its connection back once, round after round")
    void concurrentClosesGiveBackOnce() throws Exception {
        // A race between a check and a set is hit only now and then (about once in a hundred rounds), so the rounds
        // must be many and cheap: two threads (one per core of a small machine) that stay alive and meet at a spin
        // barrier each round, for 2 s or 20000 rounds, and the pool's stats looked at after every round.
        int maxRounds = 20_000;
        long stopAt = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        long giveUp = stopAt + TimeUnit.SECONDS.toNanos(3); // a round takes microseconds: a wait this long is stuck
        AtomicReference<Connection> current = new AtomicReference<>();
        AtomicInteger arrived = new AtomicInteger(); // 2 per round: the test's thread and the other closer
        AtomicInteger closes = new AtomicInteger();
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService other = Executors.newSingleThreadExecutor();
        try (ConnectionPool pool = new ConnectionPool(TestPools.config().maxConnections(2).build(), factory::connect)) {
            Future<Object> closer = other.submit(() -> {
                for (int round = 1; ; round++) {
                    while (arrived.get() < 2 * round - 1) { // the test's thread has borrowed this round's handle
                        if (stop.get()) {
                            return null;
                        }
                        spin(giveUp, "the test's thread to start round " + round);
                    }
                    arrived.incrementAndGet();
                    jitter();
                    current.get().close();
                    closes.incrementAndGet();
                }
            });
            int round = 1;
            for (; round <= maxRounds && System.nanoTime() - stopAt < 0; round++) {
                current.set(pool.getConnection());
                arrived.incrementAndGet();
                while (arrived.get() < 2 * round) {
                    spin(giveUp, "the other closer to arrive in round " + round, closer);
                }
                jitter();
                current.get().close();
                while (closes.get() < round) {
                    spin(giveUp, "the other closer's close() in round " + round, closer);
                }
                PoolStats stats = pool.stats();
                if (!stats.equals(new PoolStats(1, 0, 1, 0))) {
                    assertThat(stats).as("stats after 2 threads closed the same handle at the same instant (round %d); "
                            + "more than one give-back shows as active below 0 or idle above total. Let exactly one "
                            + "close() give the connection back: AtomicBoolean.compareAndSet(false, true), not a check "
                            + "followed by a set", round).isEqualTo(new PoolStats(1, 0, 1, 0));
                }
            }
            stop.set(true);
            Concurrently.result(closer);
            try (Connection first = pool.getConnection(); Connection second = pool.getConnection()) {
                assertThat(factory.opened()).as("physical connections behind two handles lent at once after %d rounds",
                        round - 1).isEqualTo(2);
            }
        } finally {
            stop.set(true);
            other.shutdownNow();
        }
    }

    /**
     * A pause of 0 to 7 spin turns (up to a few hundred ns): the thread that arrives last at the barrier goes on
     * first, so without it the two closes would start the same few ns apart every round, which may always miss a
     * race window narrower than that.
     */
    private static void jitter() {
        for (int turns = ThreadLocalRandom.current().nextInt(8); turns > 0; turns--) {
            Thread.onSpinWait();
        }
    }

    /** One turn of a busy wait; fails when the wait has lasted too long or the other thread ended instead. */
    private static void spin(long giveUp, String what, Future<?>... others) throws Exception {
        for (Future<?> future : others) {
            if (future.isDone()) {
                Concurrently.result(future); // throws what it threw
                throw new AssertionError("the other closer ended while the test waited for " + what);
            }
        }
        if (System.nanoTime() - giveUp > 0) {
            throw new AssertionError("still waiting, 5 s after the test started, for " + what + " (a close() that "
                    + "never returns?)");
        }
        // Spin (the other closer is running: it arrives within nanoseconds), and now and then yield (it is not: on a
        // loaded machine, let it run).
        if (ThreadLocalRandom.current().nextInt(256) == 0) {
            Thread.yield();
        } else {
            Thread.onSpinWait();
        }
    }

    @Test
    @DisplayName("using a closed handle fails with an SQLException that says it is closed")
    void closedHandleRefusesUse() throws Exception {
        try (ConnectionPool pool = onePool()) {
            Connection handle = pool.getConnection();
            handle.close();
            assertThat(catchThrowable(handle::createStatement))
                    .as("createStatement() on a handle that was closed")
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("closed");
            assertThat(catchThrowable(() -> handle.setAutoCommit(false)))
                    .as("setAutoCommit() on a handle that was closed")
                    .isInstanceOf(SQLException.class);
        }
    }

    @Test
    @DisplayName("an old handle cannot reach the connection once it is lent to the next borrower")
    void oldHandleCannotTouchNextBorrowersConnection() throws Exception {
        database.execute("CREATE TABLE notes (n INT)");
        try (ConnectionPool pool = onePool()) {
            Connection old = pool.getConnection();
            old.close();
            TestPools.awaitGivenBack(pool, "the first borrower's connection (its handle closed)");
            try (Connection current = pool.getConnection()) {
                assertThat(catchThrowable(() -> old.createStatement().execute("INSERT INTO notes VALUES (1)")))
                        .as("using the first borrower's closed handle while a second borrower holds the connection")
                        .isInstanceOf(SQLException.class);
                assertThat(current.isClosed()).isFalse();
            }
            assertThat(database.queryForLong("SELECT count(*) FROM notes")).isZero();
        }
    }

    @Test
    @DisplayName("an uncommitted transaction is rolled back before the next borrower gets the connection")
    void openTransactionIsRolledBack() throws Exception {
        database.execute("CREATE TABLE trades (id INT)");
        try (ConnectionPool pool = onePool()) {
            try (Connection first = pool.getConnection(); Statement statement = first.createStatement()) {
                first.setAutoCommit(false);
                statement.execute("INSERT INTO trades VALUES (1)");
                // given back without commit
            }
            TestPools.awaitGivenBack(pool, "the first borrower's connection (its handle closed)");
            try (Connection next = pool.getConnection(); Statement statement = next.createStatement()) {
                assertThat(next.getAutoCommit()).as("auto-commit of the next borrower's connection").isTrue();
                statement.execute("INSERT INTO trades VALUES (2)");
            }
            assertThat(database.queryForLong("SELECT count(*) FROM trades WHERE id = 1"))
                    .as("rows of the first borrower's uncommitted transaction that reached the database").isZero();
            assertThat(database.queryForLong("SELECT count(*) FROM trades WHERE id = 2"))
                    .as("rows the next borrower inserted with auto-commit").isEqualTo(1);
        }
    }

    @Test
    @Tag("postgres")
    @DisplayName("read-only set by one borrower is switched off for the next (on PostgreSQL, which enforces it)")
    void readOnlyIsReset() throws Exception {
        TestDatabase postgres = TestDatabases.postgres();
        postgres.execute("CREATE TABLE orders (id INT)");
        TrackingConnectionFactory postgresFactory = new TrackingConnectionFactory(postgres);
        try (ConnectionPool pool = new ConnectionPool(TestPools.config().maxConnections(1).build(),
                postgresFactory::connect)) {
            try (Connection first = pool.getConnection()) {
                first.setReadOnly(true);
            }
            TestPools.awaitGivenBack(pool, "the first borrower's connection (its handle closed)");
            try (Connection next = pool.getConnection(); Statement statement = next.createStatement()) {
                assertThat(next.isReadOnly()).as("read-only flag of the next borrower's connection").isFalse();
                statement.execute("INSERT INTO orders VALUES (1)"); // fails in a read-only session
            }
        }
    }

    @Test
    @DisplayName("a connection that broke while lent is not lent again")
    void brokenConnectionIsDiscarded() throws Exception {
        try (ConnectionPool pool = onePool()) {
            try (Connection handle = pool.getConnection()) {
                TestPools.physical(factory, 0, "one borrowed").close(); // the database dropped it under the borrower
            }
            try (Connection next = pool.getConnection()) {
                assertThat(Sql.selectOne(next)).as("a query on the connection lent after the broken one").isEqualTo(1);
            }
            assertThat(pool.stats().total()).as("connections the pool owns (maxConnections is 1)").isEqualTo(1);
        }
    }

    @Test
    @DisplayName("an idle connection that broke is not lent")
    void brokenIdleConnectionIsNotLent() throws Exception {
        try (ConnectionPool pool = new ConnectionPool(TestPools.config().minConnections(1).maxConnections(1).build(),
                factory::connect)) {
            TestPools.physical(factory, 0, "minConnections is 1").close();
            try (Connection next = pool.getConnection()) {
                assertThat(Sql.selectOne(next)).as("a query on the connection lent after the idle one broke")
                        .isEqualTo(1);
            }
            assertThat(factory.opened()).as("physical connections opened (the broken one had to be replaced)")
                    .isEqualTo(2);
        }
    }

    @Test
    @DisplayName("the handle passes every other Connection call on to its physical connection, with its arguments, "
            + "and returns that connection's answer")
    void handleForwardsEveryCall() throws Exception {
        Recorder recorder = new Recorder();
        try (ConnectionPool pool = new ConnectionPool(TestPools.config().maxConnections(1).build(), recorder::connect)) {
            for (boolean answer : new boolean[] {true, false}) { // boolean methods answer true, then false
                TestPools.awaitGivenBack(pool, "the connection of the handle closed before");
                try (Connection handle = pool.getConnection()) {
                    recorder.arm(answer);
                    try {
                        for (Method method : Recorder.forwarded()) {
                            Object[] args = Recorder.arguments(method);
                            String call = Recorder.describe(method, args);
                            recorder.calls.clear();
                            Object result;
                            try {
                                result = method.invoke(handle, args);
                            } catch (InvocationTargetException e) {
                                throw new AssertionError(call + " on the handle threw: " + e.getCause(), e.getCause());
                            }
                            assertThat(recorder.calls).as("calls the physical connection saw when the borrower called "
                                    + "%s on its handle", call).contains(call);
                            if (method.getReturnType() != void.class) {
                                assertThat(result).as("what %s on the handle returned; the physical connection "
                                        + "answered %s", call, recorder.lastAnswer).isEqualTo(recorder.lastAnswer);
                            }
                        }
                    } finally {
                        recorder.disarm();
                    }
                }
            }
        }
    }

    /**
     * A physical connection that, while armed, records every call and answers each with a value the test can tell
     * apart (an int of 4242, a string, a fake of the interface asked for); while not, it answers as an open,
     * unremarkable connection does, for the pool's own calls.
     */
    private static final class Recorder implements InvocationHandler {
        private static final Executor EXECUTOR = Runnable::run;
        final List<String> calls = new CopyOnWriteArrayList<>();
        volatile Object lastAnswer;
        private volatile boolean armed;
        private volatile boolean answer;

        Connection connect() {
            return fake(Connection.class, this);
        }

        void arm(boolean booleanAnswer) {
            answer = booleanAnswer;
            armed = true;
        }

        void disarm() {
            armed = false;
        }

        /** Connection's methods the handle forwards: all but those a handle answers itself. */
        static List<Method> forwarded() {
            return Arrays.stream(Connection.class.getMethods())
                    .filter(method -> !Modifier.isStatic(method.getModifiers()))
                    .filter(method -> !List.of("close", "isClosed", "unwrap", "isWrapperFor").contains(method.getName()))
                    .sorted(Comparator.comparing(Method::toString))
                    .toList();
        }

        static Object[] arguments(Method method) {
            return Arrays.stream(method.getParameterTypes()).map(Recorder::argument).toArray();
        }

        static String describe(Method method, Object[] args) {
            return method.getName() + Arrays.toString(method.getParameterTypes()) + Arrays.deepToString(args);
        }

        private static Object argument(Class<?> type) {
            if (type == int.class) {
                return 3;
            } else if (type == boolean.class) {
                return true;
            } else if (type == String.class) {
                return "argument";
            } else if (type == String[].class) {
                return new String[] {"id"};
            } else if (type == int[].class) {
                return new int[] {1};
            } else if (type == Object[].class) {
                return new Object[] {"element"};
            } else if (type == Map.class) {
                return new HashMap<>(Map.of("argument", String.class));
            } else if (type == Properties.class) {
                Properties properties = new Properties();
                properties.setProperty("argument", "value");
                return properties;
            } else if (type == Executor.class) {
                return EXECUTOR;
            }
            return fake(type, (self, method, args) -> Fakes.basic(self, method, args, type));
        }

        @Override
        public Object invoke(Object self, Method method, Object[] args) {
            Object basic = Fakes.basic(self, method, args, Connection.class);
            if (basic != Fakes.NONE) {
                return basic;
            }
            Class<?> type = method.getReturnType();
            if (!armed) { // the pool's own calls: an open connection, auto-commit on
                return type == boolean.class ? method.getName().equals("getAutoCommit")
                        || method.getName().equals("isValid") : Fakes.zero(type);
            }
            calls.add(describe(method, args == null ? new Object[0] : args));
            Object result;
            if (type == void.class) {
                result = null;
            } else if (type == boolean.class) {
                result = answer;
            } else if (type == int.class) {
                result = 4242;
            } else if (type == String.class) {
                result = "the physical connection's answer to " + method.getName();
            } else if (type == Map.class) {
                result = new HashMap<>(Map.of("answer", Integer.class));
            } else if (type == Properties.class) {
                Properties properties = new Properties();
                properties.setProperty("answer", method.getName());
                result = properties;
            } else if (type == SQLWarning.class) {
                result = new SQLWarning("the physical connection's warning");
            } else {
                result = fake(type, (fake, call, callArgs) -> Fakes.basic(fake, call, callArgs, type));
            }
            lastAnswer = result;
            return result;
        }

        private static Object fake(Class<?> type, InvocationHandler handler) {
            return Proxy.newProxyInstance(HandleTest.class.getClassLoader(), new Class<?>[] {type}, handler);
        }

        @SuppressWarnings("unchecked")
        private static <T> T fake(Class<T> type, Recorder recorder) {
            return (T) fake(type, (InvocationHandler) recorder);
        }
    }

    /** Answers of the fakes: identity for equals and hashCode, a name for toString, and zeros for everything else. */
    private static final class Fakes {
        static final Object NONE = new Object();

        static Object basic(Object self, Method method, Object[] args, Class<?> type) {
            return switch (method.getName()) {
                case "equals" -> method.getParameterCount() == 1 ? self == args[0] : NONE;
                case "hashCode" -> method.getParameterCount() == 0 ? System.identityHashCode(self) : NONE;
                case "toString" -> method.getParameterCount() == 0 ? "a fake " + type.getSimpleName() : NONE;
                default -> type == Connection.class ? NONE : zero(method.getReturnType());
            };
        }

        static Object zero(Class<?> type) {
            if (type == boolean.class) {
                return false;
            } else if (type == int.class) {
                return 0;
            } else if (type == long.class) {
                return 0L;
            }
            return null;
        }
    }
}
