package poolkit.benchmark;

import java.lang.reflect.Method;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * GIVEN: which threads the load runner drives its requests from.
 *
 * <ul>
 *   <li>{@link #PLATFORM}: ordinary threads, one operating-system thread each. They are expensive (about a megabyte
 *       of stack reserved, a kernel thread), so a server keeps a fixed pool of them and queues the requests it
 *       cannot start yet.</li>
 *   <li>{@link #VIRTUAL}: virtual threads (Java 21 and newer, JEP 444). The JVM runs them on a few carrier threads
 *       and takes them off their carrier while they wait (for a lock, a socket, a connection from a pool), so
 *       10,000 waiting requests are 10,000 cheap objects, not 10,000 kernel threads. They are never pooled: one per
 *       request, and something else (here, the connection pool) limits how many run at once.</li>
 * </ul>
 *
 * The kit compiles for Java 17, where {@code Thread.ofVirtual()} does not exist, so this class reaches it by
 * reflection. On Java 17 to 20 {@link #VIRTUAL} is not {@linkplain #isAvailable() available}, and
 * {@link #unavailableReason()} says why.
 */
public enum ThreadKind {

    PLATFORM,
    VIRTUAL;

    /** The Java release virtual threads became final in (JEP 444). */
    public static final int FIRST_RELEASE_WITH_VIRTUAL_THREADS = 21;

    private static final Method IS_VIRTUAL = method(Thread.class, "isVirtual");

    /** Whether this JVM can start threads of this kind: platform threads always, virtual ones on Java 21+. */
    public boolean isAvailable() {
        return this == PLATFORM || Runtime.version().feature() >= FIRST_RELEASE_WITH_VIRTUAL_THREADS;
    }

    /** Why this JVM has no virtual threads, in a sentence (or an empty string on Java 21+). */
    public static String unavailableReason() {
        return VIRTUAL.isAvailable() ? "" : "virtual threads need Java " + FIRST_RELEASE_WITH_VIRTUAL_THREADS
                + " or newer, and this JVM is Java " + Runtime.version() + " (" + System.getProperty("java.home") + ")";
    }

    /**
     * A factory of threads of this kind, named {@code namePrefix1}, {@code namePrefix2}, ...; platform threads are
     * daemons, so a forgotten one never keeps the JVM alive (virtual threads always are).
     *
     * @throws UnsupportedOperationException for {@link #VIRTUAL} on a JVM before Java 21, with the reason
     */
    public ThreadFactory factory(String namePrefix) {
        if (!isAvailable()) {
            throw new UnsupportedOperationException(unavailableReason());
        }
        if (this == PLATFORM) {
            AtomicInteger count = new AtomicInteger();
            return runnable -> {
                Thread thread = new Thread(runnable, namePrefix + count.incrementAndGet());
                thread.setDaemon(true);
                return thread;
            };
        }
        return virtualThreadFactory(namePrefix);
    }

    /** The kind of {@code thread}: {@link #VIRTUAL} if it is a virtual thread. */
    public static ThreadKind of(Thread thread) {
        if (IS_VIRTUAL == null) {
            return PLATFORM;
        }
        try {
            return (Boolean) IS_VIRTUAL.invoke(thread) ? VIRTUAL : PLATFORM;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("could not ask a thread whether it is virtual", e);
        }
    }

    /**
     * The kind to use when a user asked for {@code requested}: itself if available, otherwise {@link #PLATFORM},
     * after telling {@code explain} why.
     */
    public static ThreadKind choose(ThreadKind requested, Consumer<String> explain) {
        if (requested.isAvailable()) {
            return requested;
        }
        explain.accept("Asked for virtual threads, but " + unavailableReason() + ": running on platform threads.");
        return PLATFORM;
    }

    /** "platform" or "virtual", as the benchmark's options spell it. */
    public static ThreadKind parse(String name) {
        for (ThreadKind kind : values()) {
            if (kind.name().equalsIgnoreCase(name.trim())) {
                return kind;
            }
        }
        throw new IllegalArgumentException("thread kind '" + name + "' is not 'platform' or 'virtual'");
    }

    /** Thread.ofVirtual().name(prefix, 1).factory(), by reflection so that the kit still compiles for Java 17. */
    private static ThreadFactory virtualThreadFactory(String namePrefix) {
        try {
            Object builder = Thread.class.getMethod("ofVirtual").invoke(null);
            Class<?> builderType = Class.forName("java.lang.Thread$Builder");
            builder = builderType.getMethod("name", String.class, long.class).invoke(builder, namePrefix, 1L);
            return (ThreadFactory) builderType.getMethod("factory").invoke(builder);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Java " + Runtime.version() + " should have Thread.ofVirtual(), but "
                    + "calling it failed: " + e, e);
        }
    }

    private static Method method(Class<?> type, String name) {
        try {
            return type.getMethod(name);
        } catch (NoSuchMethodException e) {
            return null;
        }
    }
}
