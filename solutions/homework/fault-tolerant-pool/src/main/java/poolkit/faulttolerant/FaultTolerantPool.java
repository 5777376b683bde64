package poolkit.faulttolerant;

import poolkit.basic.AbstractPoolDataSource;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A pool over a primary and its replicas: one connection pool per server, a router in front of them, and a
 * background health check.
 *
 * <ul>
 *   <li>Writes ({@link Access#READ_WRITE}) go to the primary. While it is DOWN they fail at once with a
 *       {@link PrimaryUnavailableException}, without touching the network.</li>
 *   <li>Reads ({@link Access#READ_ONLY}) go to a replica chosen by the {@link ReadPolicy}; if that one fails, to the
 *       next replica, and to the primary when no replica is up. The caller sees an error only when no server at
 *       all can serve it.</li>
 *   <li>Every connection is validated before it is lent. One that fails makes the server's pool be replaced
 *       (after a restart all its idle connections are dead, though the server is fine); a server that cannot give
 *       a working new connection, or fails a health check, is taken DOWN and its pool closed, so none of its
 *       connections is lent again. A health check that succeeds on a DOWN server brings it back with a fresh
 *       pool.</li>
 * </ul>
 */
public final class FaultTolerantPool extends AbstractPoolDataSource implements AutoCloseable {

    private final ClusterConfig config;
    private final ServerNode primary;
    private final List<ServerNode> replicas = new ArrayList<>();
    private final List<ServerNode> servers = new ArrayList<>();
    private final AtomicInteger nextReplica = new AtomicInteger();
    private final int validationSeconds;
    private final ScheduledExecutorService healthChecks;
    private volatile boolean closed;

    /**
     * Opens a pool for every server that answers; those that do not start DOWN and are retried by the health
     * check. The pool is usable at once: a primary down at start only makes writes fail until it comes up.
     */
    public FaultTolerantPool(ClusterConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        this.validationSeconds = (int) Math.max(1, (config.validationTimeout().toMillis() + 999) / 1000);
        ServerNode primaryNode = null;
        for (DatabaseServer server : config.servers()) {
            ServerNode node = new ServerNode(server, config.poolPerServer());
            servers.add(node);
            if (server.role() == ServerRole.PRIMARY) {
                primaryNode = node;
            } else {
                replicas.add(node);
            }
        }
        this.primary = primaryNode;
        servers.forEach(ServerNode::bringUp);
        this.healthChecks = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "poolkit-health-check");
            thread.setDaemon(true);
            return thread;
        });
        long interval = config.healthCheckInterval().toNanos();
        healthChecks.scheduleWithFixedDelay(this::checkAllServers, interval, interval, TimeUnit.NANOSECONDS);
    }

    /** A connection for writing: the same as {@code getConnection(Access.READ_WRITE)}. */
    @Override
    public Connection getConnection() throws SQLException {
        return getConnection(Access.READ_WRITE);
    }

    /**
     * Lends a connection routed by what the borrower means to do with it.
     *
     * @throws PrimaryUnavailableException for {@link Access#READ_WRITE} while the primary is down
     * @throws SQLTransientConnectionException for {@link Access#READ_ONLY} when no server at all is up, or when
     *                                         the chosen server's pool stays exhausted for its connectionTimeout
     * @throws SQLException when the pool is closed
     */
    public Connection getConnection(Access access) throws SQLException {
        Objects.requireNonNull(access, "access");
        if (closed) {
            throw new SQLException("the fault-tolerant pool is closed: it lends no more connections. "
                    + "Create a new FaultTolerantPool.", "08003");
        }
        return access == Access.READ_WRITE ? borrowForWrite() : borrowForRead();
    }

    private Connection borrowForWrite() throws SQLException {
        if (!primary.isUp()) {
            throw new PrimaryUnavailableException(primary.describe() + " is DOWN (last failure: "
                    + primary.lastFailure() + "). Writes fail until a health check sees it back; reads still go to "
                    + "the replicas. Retry the write later.", null);
        }
        try {
            return primary.borrow(validationSeconds);
        } catch (SQLTransientConnectionException busy) {
            throw busy;
        } catch (SQLException e) {
            throw new PrimaryUnavailableException(primary.describe() + " failed just now (" + e.getMessage()
                    + ") and is marked DOWN. Reads still go to the replicas. Retry the write later.", e);
        }
    }

    private Connection borrowForRead() throws SQLException {
        List<SQLException> failures = new ArrayList<>();
        for (ServerNode candidate : readCandidates()) {
            try {
                return candidate.borrow(validationSeconds);
            } catch (SQLException e) {
                failures.add(e);
            }
        }
        SQLTransientConnectionException none = new SQLTransientConnectionException(
                "no server can serve reads: every replica and the primary are down or failed (" + status()
                        + "). Retry later; the health check brings servers back as they recover.", "08001");
        failures.forEach(none::addSuppressed);
        throw none;
    }

    /** The replicas that are up, the one the policy picks first, then the primary as the last resort. */
    private List<ServerNode> readCandidates() {
        List<ServerNode> up = new ArrayList<>(replicas.stream().filter(ServerNode::isUp).toList());
        if (!up.isEmpty()) {
            if (config.readPolicy() == ReadPolicy.LEAST_LOADED) {
                // Read each load once: loads change while we sort, and a comparator must see fixed values.
                Map<ServerNode, Integer> load = new HashMap<>();
                up.forEach(node -> load.put(node, node.lentOut()));
                up.sort(Comparator.comparing(load::get));
            } else {
                Collections.rotate(up, -Math.floorMod(nextReplica.getAndIncrement(), up.size()));
            }
        }
        up.add(primary);
        return up;
    }

    /** One round of health checks: a fresh connection to each server, validated; runs on the health-check thread. */
    private void checkAllServers() {
        for (ServerNode node : servers) {
            if (closed) {
                return;
            }
            try {
                checkServer(node);
            } catch (RuntimeException e) {
                node.recordFailure("health check failed unexpectedly: " + e); // keep the schedule alive
            }
        }
    }

    private void checkServer(ServerNode node) {
        String failure = null;
        try (Connection probe = node.server.factory().connect()) {
            if (!probe.isValid(validationSeconds)) {
                failure = "health check: the connection did not validate within " + validationSeconds + " s";
            }
        } catch (SQLException e) {
            failure = "health check: " + e.getMessage();
        }
        if (failure == null) {
            node.bringUp();
        } else if (node.isUp()) {
            node.markDown(failure);
        } else {
            node.recordFailure(failure);
        }
    }

    /** Every server's state and pool, and the read policy. */
    public ClusterStatus status() {
        return new ClusterStatus(config.readPolicy(), servers.stream().map(ServerNode::status).toList());
    }

    public boolean isClosed() {
        return closed;
    }

    /** Stops the health checks and closes every server's pool: idle connections now, lent ones when given back. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        healthChecks.shutdownNow();
        servers.forEach(ServerNode::close);
    }

    @Override
    public String toString() {
        return "FaultTolerantPool[" + status() + "]";
    }
}
