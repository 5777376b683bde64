package poolkit.separation;

import java.math.BigDecimal;

/** GIVEN: which way a trade goes. The database stores it as 'buy' or 'sell'. */
public enum Side {
    BUY("buy"),
    SELL("sell");

    private final String sql;

    Side(String sql) {
        this.sql = sql;
    }

    /** The value in the {@code side} column of {@code trades}. */
    public String sql() {
        return sql;
    }

    /** How a trade of this side and quantity moves the position: a buy adds to it, a sell takes from it. */
    public BigDecimal signed(BigDecimal quantity) {
        return this == BUY ? quantity : quantity.negate();
    }

    /** The side stored as {@code value} in the {@code side} column. */
    public static Side fromSql(String value) {
        for (Side side : values()) {
            if (side.sql.equals(value)) {
                return side;
            }
        }
        throw new IllegalArgumentException("not a side of a trade: '" + value + "' (expected 'buy' or 'sell')");
    }
}
