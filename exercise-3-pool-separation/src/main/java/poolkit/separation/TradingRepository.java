package poolkit.separation;

import java.math.BigDecimal;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The trading system's data access, on the tables of {@code trading-schema.sql}. Each operation borrows from the pool
 * of its own workload: trades are written on the trades pool, prices and history are read on the market data pool,
 * and risk checks run on the risk pool.
 */
public final class TradingRepository {

    private final TradingPools pools;

    public TradingRepository(TradingPools pools) {
        this.pools = Objects.requireNonNull(pools, "pools");
    }

    /**
     * Records a trade and moves the symbol's position by it, in one transaction, on the trades pool.
     *
     * @return the id the database gave the new trade
     * @throws IllegalArgumentException when an argument is missing, or the price or quantity is not positive
     * @throws SQLException             when the symbol is not traded (it has no row in {@code positions}; nothing is
     *                                  recorded then), or the trades pool or the database fails
     */
    public long recordTrade(String symbol, Side side, BigDecimal price, BigDecimal quantity) throws SQLException {
        throw NotImplemented.task(3, "insert the trade and update the position in one transaction, on the trades pool");
    }

    /**
     * The most recent price of {@code symbol} (the row of {@code market_data} with the latest {@code recorded_at}),
     * read on the market data pool; empty when there is none.
     *
     * @throws IllegalArgumentException when {@code symbol} is null or blank
     */
    public Optional<BigDecimal> latestPrice(String symbol) throws SQLException {
        throw NotImplemented.task(4, "read the latest price on the market data pool");
    }

    /**
     * At most {@code limit} trades of {@code symbol}, newest (highest id) first, read on the market data pool.
     *
     * @throws IllegalArgumentException when {@code symbol} is null or blank, or {@code limit} is less than 1
     */
    public List<Trade> recentTrades(String symbol, int limit) throws SQLException {
        throw NotImplemented.task(4, "read the recent trades on the market data pool");
    }

    /**
     * Whether the position in {@code symbol} stays within its risk limit after a trade that moves it by
     * {@code additionalQuantity} (positive to buy, negative to sell): position + additionalQuantity &lt;= max_position.
     * Runs on the risk pool.
     *
     * @throws IllegalArgumentException when {@code symbol} is null or blank, or {@code additionalQuantity} is null
     * @throws SQLException when the symbol has no risk limit, or the risk pool or the database fails
     */
    public boolean isWithinPositionLimit(String symbol, BigDecimal additionalQuantity) throws SQLException {
        throw NotImplemented.task(5, "check the position limit on the risk pool");
    }
}
