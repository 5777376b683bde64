package poolkit.separation;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The trading system's data access, on the tables of {@code trading-schema.sql}. Each operation borrows from the pool
 * of its own workload: trades are written on the trades pool, prices and history are read on the market data pool,
 * and risk checks run on the risk pool. Each borrows one connection, uses it, and gives it back before returning.
 */
public final class TradingRepository {

    private static final String INSERT_TRADE =
            "INSERT INTO trades (symbol, side, price, quantity) VALUES (?, ?, ?, ?)";
    /** Adds in the database, not in Java: two concurrent trades in one symbol must not overwrite each other. */
    private static final String MOVE_POSITION =
            "UPDATE positions SET quantity = quantity + ? WHERE symbol = ?";
    /** By time, not by id: prices may arrive out of order. The id breaks ties between equal timestamps. */
    private static final String LATEST_PRICE =
            "SELECT price FROM market_data WHERE symbol = ? ORDER BY recorded_at DESC, id DESC LIMIT 1";
    private static final String RECENT_TRADES =
            "SELECT id, symbol, side, price, quantity FROM trades WHERE symbol = ? ORDER BY id DESC LIMIT ?";
    /** One query, so a risk check holds its connection for one round trip. A symbol never traded has position 0. */
    private static final String LIMIT_AND_POSITION = """
            SELECT l.max_position, COALESCE(p.quantity, 0) AS position
            FROM risk_limits l LEFT JOIN positions p ON p.symbol = l.symbol
            WHERE l.symbol = ?""";

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
        requireSymbol(symbol);
        if (side == null) {
            throw new IllegalArgumentException("side must be BUY or SELL, but was null");
        }
        requirePositive("price", price);
        requirePositive("quantity", quantity);
        try (Connection connection = pools.connection(Workload.TRADES)) {
            connection.setAutoCommit(false); // the pool turns auto-commit back on when the connection comes back
            try {
                long id = insertTrade(connection, symbol, side, price, quantity);
                try (PreparedStatement move = connection.prepareStatement(MOVE_POSITION)) {
                    move.setBigDecimal(1, side.signed(quantity));
                    move.setString(2, symbol);
                    if (move.executeUpdate() == 0) {
                        throw new SQLException("cannot record a trade in '" + symbol + "': it is not a traded symbol "
                                + "(it has no row in positions). Nothing was recorded.");
                    }
                }
                connection.commit();
                return id;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        }
    }

    private static long insertTrade(Connection connection, String symbol, Side side, BigDecimal price,
                                    BigDecimal quantity) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(INSERT_TRADE, new String[] {"id"})) {
            insert.setString(1, symbol);
            insert.setString(2, side.sql());
            insert.setBigDecimal(3, price);
            insert.setBigDecimal(4, quantity);
            insert.executeUpdate();
            try (ResultSet keys = insert.getGeneratedKeys()) {
                if (!keys.next()) {
                    throw new SQLException("the database returned no id for the new trade");
                }
                return keys.getLong(1);
            }
        }
    }

    /**
     * The most recent price of {@code symbol} (the row of {@code market_data} with the latest {@code recorded_at}),
     * read on the market data pool; empty when there is none.
     *
     * @throws IllegalArgumentException when {@code symbol} is null or blank
     */
    public Optional<BigDecimal> latestPrice(String symbol) throws SQLException {
        requireSymbol(symbol);
        try (Connection connection = pools.connection(Workload.MARKET_DATA);
             PreparedStatement query = connection.prepareStatement(LATEST_PRICE)) {
            query.setString(1, symbol);
            try (ResultSet row = query.executeQuery()) {
                return row.next() ? Optional.of(row.getBigDecimal(1)) : Optional.empty();
            }
        }
    }

    /**
     * At most {@code limit} trades of {@code symbol}, newest (highest id) first, read on the market data pool.
     *
     * @throws IllegalArgumentException when {@code symbol} is null or blank, or {@code limit} is less than 1
     */
    public List<Trade> recentTrades(String symbol, int limit) throws SQLException {
        requireSymbol(symbol);
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, but was " + limit);
        }
        try (Connection connection = pools.connection(Workload.MARKET_DATA);
             PreparedStatement query = connection.prepareStatement(RECENT_TRADES)) {
            query.setString(1, symbol);
            query.setInt(2, limit);
            List<Trade> trades = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    trades.add(new Trade(rows.getLong("id"), rows.getString("symbol"),
                            Side.fromSql(rows.getString("side")), rows.getBigDecimal("price"),
                            rows.getBigDecimal("quantity")));
                }
            }
            return trades;
        }
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
        requireSymbol(symbol);
        if (additionalQuantity == null) {
            throw new IllegalArgumentException("additionalQuantity must be a number, but was null");
        }
        try (Connection connection = pools.connection(Workload.RISK);
             PreparedStatement query = connection.prepareStatement(LIMIT_AND_POSITION)) {
            query.setString(1, symbol);
            try (ResultSet row = query.executeQuery()) {
                if (!row.next()) {
                    throw new SQLException("no risk limit for '" + symbol + "': add a row to risk_limits before "
                            + "trading it. Without a limit the check cannot say yes.");
                }
                BigDecimal maxPosition = row.getBigDecimal("max_position");
                BigDecimal position = row.getBigDecimal("position");
                return position.add(additionalQuantity).compareTo(maxPosition) <= 0;
            }
        }
    }

    private static void requireSymbol(String symbol) {
        if (symbol == null || symbol.isBlank()) {
            throw new IllegalArgumentException("symbol must name an instrument, e.g. \"BTC/USD\", but was "
                    + (symbol == null ? "null" : "'" + symbol + "'"));
        }
    }

    private static void requirePositive(String field, BigDecimal value) {
        if (value == null || value.signum() <= 0) {
            throw new IllegalArgumentException(field + " must be a positive number, but was " + value);
        }
    }
}
