package poolkit.separation;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import poolkit.basic.PoolStats;
import poolkit.testsupport.Concurrently;
import poolkit.testsupport.TestDatabase;

import java.math.BigDecimal;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static poolkit.separation.TradingFixtures.count;
import static poolkit.separation.TradingFixtures.decimal;
import static poolkit.separation.TradingFixtures.position;
import static poolkit.separation.TradingFixtures.storedTrade;

/**
 * What TradingRepository must do, on real SQL. The same tests run on H2 ({@link TradingRepositoryOnH2Test}) and on
 * PostgreSQL ({@link TradingRepositoryOnPostgresTest}), on the tables and rows of trading-schema.sql and
 * trading-seed.sql.
 */
abstract class TradingRepositoryContract {

    private TestDatabase database;
    private TradingPools pools;
    private TradingRepository repository;

    /** A new database with the trading schema and seed data. */
    abstract TestDatabase newTradingDatabase() throws SQLException;

    @BeforeEach
    void openPools() throws SQLException {
        database = newTradingDatabase();
        pools = new TradingPools(TradingFixtures.roomy(), database::connect);
        repository = new TradingRepository(pools);
    }

    @AfterEach
    void everyConnectionGivenBackThenClose() {
        if (pools == null) {
            return;
        }
        try {
            Map<Workload, PoolStats> stats = pools.stats();
            for (Workload workload : Workload.values()) {
                assertThat(stats.get(workload).active())
                        .as("%s connections still borrowed after the repository returned (%s): every operation must "
                                + "close the connection it borrowed, also when it fails", workload.label(), stats)
                        .isZero();
            }
        } finally {
            pools.close();
        }
    }

    @Test
    @DisplayName("Task 3: recordTrade stores the trade and returns its id; a later trade gets a higher id")
    void recordsTradeAndReturnsItsId() throws Exception {
        long first = repository.recordTrade("SOL/USD", Side.BUY, decimal("150.25"), decimal("3"));
        long second = repository.recordTrade("SOL/USD", Side.SELL, decimal("151"), decimal("1.5"));

        Trade stored = storedTrade(database, first);
        assertThat(stored).as("the row of trades with the id recordTrade returned (%d)", first).isNotNull();
        assertThat(stored.symbol()).as("symbol of trade %d", first).isEqualTo("SOL/USD");
        assertThat(stored.side()).as("side of trade %d", first).isEqualTo(Side.BUY);
        assertThat(stored.price()).as("price of trade %d", first).isEqualByComparingTo("150.25");
        assertThat(stored.quantity()).as("quantity of trade %d", first).isEqualByComparingTo("3");
        assertThat(storedTrade(database, second).side()).as("side of trade %d", second).isEqualTo(Side.SELL);
        assertThat(second).as("id of the second trade (the first got %d)", first).isGreaterThan(first);
    }

    @Test
    @DisplayName("Task 3: a buy adds to the position and a sell takes from it")
    void movesThePosition() throws Exception {
        repository.recordTrade("BTC/USD", Side.BUY, decimal("42000"), decimal("1.5"));
        assertThat(position(database, "BTC/USD")).as("BTC/USD position: 2.5 held, then a buy of 1.5")
                .isEqualByComparingTo("4.0");
        repository.recordTrade("BTC/USD", Side.SELL, decimal("42100"), decimal("3"));
        assertThat(position(database, "BTC/USD")).as("BTC/USD position after a sell of 3")
                .isEqualByComparingTo("1.0");
    }

    @Test
    @DisplayName("Task 3: a trade in a symbol that is not traded fails, naming it, and records nothing")
    void unknownSymbolRecordsNothing() throws Exception {
        long tradesBefore = count(database, "SELECT count(*) FROM trades");

        assertThatThrownBy(() -> repository.recordTrade("XRP/USD", Side.BUY, decimal("0.5"), decimal("100")))
                .as("recordTrade in XRP/USD, which has no row in positions")
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("XRP/USD");
        assertThat(count(database, "SELECT count(*) FROM trades")).as("rows in trades after the failed trade: the "
                + "insert and the position update are one transaction, so both happen or neither").isEqualTo(tradesBefore);
    }

    @Test
    @DisplayName("Task 3: invalid trades are refused with an IllegalArgumentException naming the field")
    void rejectsInvalidTrades() throws Exception {
        assertThatThrownBy(() -> repository.recordTrade(null, Side.BUY, decimal("1"), decimal("1")))
                .as("recordTrade with a null symbol").isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("symbol");
        assertThatThrownBy(() -> repository.recordTrade(" ", Side.BUY, decimal("1"), decimal("1")))
                .as("recordTrade with a blank symbol").isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("symbol");
        assertThatThrownBy(() -> repository.recordTrade("BTC/USD", null, decimal("1"), decimal("1")))
                .as("recordTrade with a null side").isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("side");
        assertThatThrownBy(() -> repository.recordTrade("BTC/USD", Side.BUY, decimal("0"), decimal("1")))
                .as("recordTrade with price 0").isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("price");
        assertThatThrownBy(() -> repository.recordTrade("BTC/USD", Side.BUY, null, decimal("1")))
                .as("recordTrade with a null price").isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("price");
        assertThatThrownBy(() -> repository.recordTrade("BTC/USD", Side.SELL, decimal("1"), decimal("-2")))
                .as("recordTrade with quantity -2").isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("quantity");
        assertThat(count(database, "SELECT count(*) FROM trades")).as("rows in trades (3 seeded)").isEqualTo(3);
        assertThat(pools.stats().get(Workload.TRADES).total())
                .as("trades connections opened while refusing 6 invalid trades (%s): check the arguments before "
                        + "borrowing, so a bad call costs no connection and never waits on a full trades pool",
                        pools.stats().get(Workload.TRADES))
                .isZero();
    }

    @Test
    @DisplayName("Task 3: 200 concurrent trades in one symbol are all recorded, and none is lost from the position")
    void concurrentTradesAllCount() throws Exception {
        int trades = 200;
        List<Long> ids = Concurrently.run(8, trades, i -> repository.recordTrade(
                "SOL/USD", i % 4 == 3 ? Side.SELL : Side.BUY, decimal("150"), decimal("1")));

        assertThat(new HashSet<>(ids)).as("distinct ids returned for %d trades", trades).hasSize(trades);
        assertThat(count(database, "SELECT count(*) FROM trades WHERE symbol = 'SOL/USD'"))
                .as("SOL/USD trades recorded").isEqualTo(trades);
        assertThat(position(database, "SOL/USD"))
                .as("SOL/USD position after 150 buys and 50 sells of 1 each (from 0): a position read in Java, changed "
                        + "and written back loses the trades that ran at the same time")
                .isEqualByComparingTo("100");
    }

    @Test
    @DisplayName("Task 4: latestPrice is the price with the latest recorded_at, not the one inserted last")
    void latestPriceIsTheMostRecent() throws Exception {
        assertThat(repository.latestPrice("BTC/USD")).as("latest BTC/USD price (seeded out of order; 10:00:02 is latest)")
                .hasValueSatisfying(price -> assertThat(price).isEqualByComparingTo("42150.5"));
        assertThat(repository.latestPrice("ETH/USD")).as("latest ETH/USD price")
                .hasValueSatisfying(price -> assertThat(price).isEqualByComparingTo("2510.25"));
        assertThat(repository.latestPrice("XRP/USD")).as("latest price of a symbol with no market data").isEmpty();

        TradingFixtures.insertPrice(database, "BTC/USD", "42200", "2026-01-15 10:00:03");
        assertThat(repository.latestPrice("BTC/USD")).as("latest BTC/USD price after a newer one arrived")
                .hasValueSatisfying(price -> assertThat(price).isEqualByComparingTo("42200"));
    }

    @Test
    @DisplayName("Task 4: recentTrades returns at most limit trades of the symbol, newest first")
    void recentTradesNewestFirst() throws Exception {
        long[] ids = new long[5];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = repository.recordTrade("SOL/USD", Side.BUY, BigDecimal.valueOf(100 + i), decimal("2"));
        }
        List<Trade> recent = repository.recentTrades("SOL/USD", 3);
        assertThat(recent).as("recentTrades(\"SOL/USD\", 3) after 5 SOL/USD trades with ids %s",
                        Arrays.toString(ids))
                .extracting(Trade::id).containsExactly(ids[4], ids[3], ids[2]);
        assertThat(recent.get(0).price()).as("price of the newest SOL/USD trade").isEqualByComparingTo("104");
        assertThat(recent.get(0).quantity()).as("quantity of the newest SOL/USD trade").isEqualByComparingTo("2");
        assertThat(recent).as("symbols of recentTrades(\"SOL/USD\", 3)").extracting(Trade::symbol).containsOnly("SOL/USD");

        assertThat(repository.recentTrades("ETH/USD", 10)).as("the 3 seeded ETH/USD trades, newest first")
                .extracting(Trade::side).containsExactly(Side.SELL, Side.BUY, Side.BUY);
        assertThat(repository.recentTrades("XRP/USD", 10)).as("recent trades of a symbol never traded").isEmpty();
        assertThat(repository.recentTrades("SOL/USD", 1)).as("recentTrades(\"SOL/USD\", 1): a limit of 1 is the "
                        + "smallest valid one (below 1 is refused), and it gives the newest trade alone")
                .extracting(Trade::id).containsExactly(ids[4]);
        assertThatThrownBy(() -> repository.recentTrades("SOL/USD", 0)).as("recentTrades with limit 0")
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("limit");
    }

    @Test
    @DisplayName("Task 4: latestPrice and recentTrades refuse a null or blank symbol with an IllegalArgumentException")
    void readsRejectMissingSymbol() {
        for (String symbol : new String[] {null, "", "  "}) {
            String shown = symbol == null ? "null" : "\"" + symbol + "\"";
            assertThat(catchThrowable(() -> repository.latestPrice(symbol)))
                    .as("what latestPrice(%s) threw: a missing symbol is a bug in the caller, not a symbol without prices; "
                            + "answering empty would hide it", shown)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("symbol");
            assertThat(catchThrowable(() -> repository.recentTrades(symbol, 10)))
                    .as("what recentTrades(%s, 10) threw: a missing symbol is a bug in the caller, not a symbol never traded; "
                            + "answering an empty list would hide it", shown)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("symbol");
        }
    }

    @Test
    @DisplayName("Task 5: a trade is within the limit when position + quantity <= max_position")
    void positionLimitFromSeed() throws Exception {
        // BTC/USD: position 2.5, max_position 10.
        assertThat(repository.isWithinPositionLimit("BTC/USD", decimal("7.5")))
                .as("BTC/USD: 2.5 held + 7.5 = 10, exactly the limit").isTrue();
        assertThat(repository.isWithinPositionLimit("BTC/USD", decimal("7.50000001")))
                .as("BTC/USD: 2.5 held + 7.50000001 is above the limit of 10").isFalse();
        assertThat(repository.isWithinPositionLimit("BTC/USD", decimal("-2")))
                .as("BTC/USD: selling 2 of the 2.5 held").isTrue();
        // DOGE/USD: max_position 50000 and no positions row: nothing held yet.
        assertThat(repository.isWithinPositionLimit("DOGE/USD", decimal("50000")))
                .as("DOGE/USD: nothing held (no positions row) + 50000, exactly the limit").isTrue();
        assertThat(repository.isWithinPositionLimit("DOGE/USD", decimal("50001")))
                .as("DOGE/USD: nothing held + 50001, above the limit of 50000").isFalse();
    }

    @Test
    @DisplayName("Task 5: the limit check adds in exact decimals: 0.1 held + 0.2 is exactly a limit of 0.3")
    void positionLimitIsExactInDecimals() throws Exception {
        database.execute("INSERT INTO risk_limits (symbol, max_position) VALUES ('ADA/USD', 0.3)",
                "INSERT INTO positions (symbol, quantity) VALUES ('ADA/USD', 0.1)");
        assertThat(repository.isWithinPositionLimit("ADA/USD", decimal("0.2")))
                .as("ADA/USD: 0.1 held + 0.2 = 0.3, exactly the limit (in double, 0.1 + 0.2 is 0.30000000000000004: "
                        + "add the BigDecimals, never doubles, when money or positions are compared)")
                .isTrue();
        assertThat(repository.isWithinPositionLimit("ADA/USD", decimal("0.20000001")))
                .as("ADA/USD: 0.1 held + 0.20000001 is above the limit of 0.3").isFalse();
    }

    @Test
    @DisplayName("Task 5: the limit check sees the trades recorded before it")
    void positionLimitFollowsTrades() throws Exception {
        repository.recordTrade("BTC/USD", Side.BUY, decimal("42000"), decimal("7"));
        assertThat(repository.isWithinPositionLimit("BTC/USD", decimal("0.5")))
                .as("BTC/USD: 9.5 held + 0.5 = 10").isTrue();
        assertThat(repository.isWithinPositionLimit("BTC/USD", decimal("0.6")))
                .as("BTC/USD: 9.5 held + 0.6 is above 10").isFalse();
        repository.recordTrade("BTC/USD", Side.SELL, decimal("42100"), decimal("5"));
        assertThat(repository.isWithinPositionLimit("BTC/USD", decimal("5.5")))
                .as("BTC/USD: 4.5 held after selling 5, + 5.5 = 10").isTrue();
    }

    @Test
    @DisplayName("Task 5: the limit check refuses a null or blank symbol, or a null quantity, with an IllegalArgumentException")
    void limitCheckRejectsMissingArguments() {
        for (String symbol : new String[] {null, "", "  "}) {
            String shown = symbol == null ? "null" : "\"" + symbol + "\"";
            assertThat(catchThrowable(() -> repository.isWithinPositionLimit(symbol, decimal("1"))))
                    .as("what isWithinPositionLimit(%s, 1) threw: a missing symbol is a bug in the caller, to be refused as "
                            + "bad input (IllegalArgumentException naming the symbol), not looked up", shown)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("symbol");
        }
        assertThat(catchThrowable(() -> repository.isWithinPositionLimit("BTC/USD", null)))
                .as("what isWithinPositionLimit(\"BTC/USD\", null) threw")
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("additionalQuantity");
    }

    @Test
    @DisplayName("Task 5: a symbol without a risk limit fails the check with an error naming it")
    void noLimitIsAnError() {
        assertThatThrownBy(() -> repository.isWithinPositionLimit("XRP/USD", decimal("1")))
                .as("isWithinPositionLimit for XRP/USD, which has no row in risk_limits")
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("XRP/USD");
    }
}
