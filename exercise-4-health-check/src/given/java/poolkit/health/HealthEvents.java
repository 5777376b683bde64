package poolkit.health;

/**
 * GIVEN: what the pool's health work has done since the pool was created, as {@link HealthCheckedPool#events()}
 * reports it. Every count only grows.
 *
 * @param checks      health checks (sweeps over the idle connections) completed
 * @param validations connections validated, by a health check or on borrow
 * @param failures    validations that found the connection dead
 * @param evictions   connections the pool closed while open because they were dead, broken, past maxLifetime,
 *                    or idle past idleTimeout (wherever the pool noticed: health check, borrow or return)
 * @param refills     connections the background work opened to bring the pool back up to minConnections
 */
public record HealthEvents(long checks, long validations, long failures, long evictions, long refills) {

    @Override
    public String toString() {
        return "checks=" + checks + ", validations=" + validations + ", failures=" + failures
                + ", evictions=" + evictions + ", refills=" + refills;
    }
}
