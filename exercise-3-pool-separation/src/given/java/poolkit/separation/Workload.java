package poolkit.separation;

/**
 * GIVEN: the three kinds of work the trading system does, each with a pool of its own. A pool that is full or slow
 * for one workload must not hold up the others: that is the whole point of separating them.
 */
public enum Workload {

    /** Recording trades: short writes, many of them. */
    TRADES("trades", "trades"),
    /** Reading prices and trade history: many readers, and a reader that waits long is useless anyway. */
    MARKET_DATA("market data", "market-data"),
    /** Risk checks before an order goes out: few, but they must get a connection when they need one. */
    RISK("risk", "risk");

    private final String label;
    private final String key;

    Workload(String label, String key) {
        this.label = label;
        this.key = key;
    }

    /** The name people read in messages, e.g. "market data" (a pool's errors say "market data pool: ..."). */
    public String label() {
        return label;
    }

    /** The prefix of this workload's settings in a properties file, e.g. "market-data" in market-data.maxConnections. */
    public String key() {
        return key;
    }
}
