package poolkit.benchmark;

import java.util.Locale;

/**
 * GIVEN: how the requests of a run arrive.
 *
 * <ul>
 *   <li><b>Closed</b> ({@link #CLOSED}): the load generator has a fixed number of workers, and each starts its next
 *       request only when its previous one has ended. How fast requests arrive depends on how fast they are served:
 *       when the system stalls, the generator stops sending too. This is how JMeter's thread groups, {@code wrk},
 *       or a JMH benchmark with threads load a system.</li>
 *   <li><b>Open</b> ({@link #fixedRate}, {@link #ramp}): requests arrive on a schedule, whatever happens to the
 *       earlier ones, the way users of a service keep clicking while it is slow. Each request has an
 *       <em>intended start time</em>, and its latency is measured from then. This is how {@code wrk2}, Gatling's
 *       open injection profiles and k6's arrival-rate executors load a system.</li>
 * </ul>
 *
 * A ramp changes the rate linearly over the run, from {@code fromRate} to {@code toRate} requests per second; a
 * fixed rate is a ramp whose two rates are equal.
 *
 * @param fromRate requests per second at the start of the run (0 for the closed model)
 * @param toRate   requests per second at the end of the run (0 for the closed model)
 */
public record LoadModel(double fromRate, double toRate) {

    /** Workers send back to back, each waiting for its request to end: the arrival rate follows the service. */
    public static final LoadModel CLOSED = new LoadModel(0, 0);

    public LoadModel {
        boolean closed = fromRate == 0 && toRate == 0;
        if (!closed && (!(fromRate >= 0) || !(toRate > 0) || Double.isInfinite(fromRate) || Double.isInfinite(toRate))) {
            throw new IllegalArgumentException("an open model needs a rate: fromRate >= 0 and toRate > 0 requests per "
                    + "second, but got " + fromRate + " and " + toRate);
        }
    }

    /** Open model: {@code perSecond} requests every second, evenly spaced. */
    public static LoadModel fixedRate(double perSecond) {
        if (!(perSecond > 0)) {
            throw new IllegalArgumentException("a fixed rate must be above 0 requests per second, but was " + perSecond);
        }
        return new LoadModel(perSecond, perSecond);
    }

    /** Open model: the rate rises (or falls) linearly from {@code fromPerSecond} to {@code toPerSecond} over the run. */
    public static LoadModel ramp(double fromPerSecond, double toPerSecond) {
        return new LoadModel(fromPerSecond, toPerSecond);
    }

    /** {@code closed}, {@code open:RATE} (e.g. {@code open:2000}) or {@code open:FROM-TO} (e.g. {@code open:500-4000}). */
    public static LoadModel parse(String spec) {
        String text = spec.trim();
        if (text.equals("closed")) {
            return CLOSED;
        }
        if (text.startsWith("open:")) {
            String rates = text.substring("open:".length());
            try {
                int dash = rates.indexOf('-');
                return dash < 0 ? fixedRate(Double.parseDouble(rates))
                        : ramp(Double.parseDouble(rates.substring(0, dash)), Double.parseDouble(rates.substring(dash + 1)));
            } catch (NumberFormatException e) {
                // fall through to the explanation
            }
        }
        throw new IllegalArgumentException("load model '" + spec + "' is not 'closed', 'open:RATE' (e.g. open:2000) "
                + "or 'open:FROM-TO' (e.g. open:500-4000), rates in requests per second");
    }

    /** True for a fixed rate or a ramp: requests have intended start times. */
    public boolean isOpen() {
        return toRate > 0;
    }

    /**
     * When request {@code index} (0 to {@code requests - 1}) of a run is meant to start, in nanoseconds after the run
     * starts: request 0 at 0, and for a fixed rate r, request i at i / r seconds. For a ramp, the number of requests
     * started by time t is the integral of the rate, r0·t + (r1 − r0)·t² / 2T over a run of T = 2n / (r0 + r1) seconds;
     * this returns the t at which that number reaches {@code index}.
     *
     * @throws IllegalStateException for the closed model, which has no schedule
     */
    public long intendedStartNanos(int index, int requests) {
        if (!isOpen()) {
            throw new IllegalStateException("the closed model has no schedule: a request starts when a worker is free");
        }
        if (index < 0 || index >= requests) {
            throw new IllegalArgumentException("request " + index + " is not one of 0.." + (requests - 1));
        }
        if (index == 0) {
            return 0;
        }
        // Solving r0·t + a·t²/2 = i, with a = (r1² − r0²) / 2n, in the form that stays exact when a is 0.
        double acceleration = (toRate * toRate - fromRate * fromRate) / (2.0 * requests);
        double seconds = 2.0 * index / (fromRate + Math.sqrt(fromRate * fromRate + 2 * acceleration * index));
        return Math.round(seconds * 1e9);
    }

    /** How the reports name it: {@code closed}, {@code open:2000}, {@code open:500-4000}. */
    public String name() {
        if (!isOpen()) {
            return "closed";
        }
        return fromRate == toRate ? "open:" + number(toRate) : "open:" + number(fromRate) + "-" + number(toRate);
    }

    @Override
    public String toString() {
        return name();
    }

    private static String number(double rate) {
        return rate == Math.rint(rate) ? String.valueOf((long) rate) : String.format(Locale.ROOT, "%.2f", rate);
    }
}
