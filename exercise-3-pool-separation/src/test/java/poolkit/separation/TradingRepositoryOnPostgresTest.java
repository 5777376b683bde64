package poolkit.separation;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import poolkit.testsupport.TestDatabase;

import java.sql.SQLException;

/** The pools here are small (at most 10 connections per test), far below PostgreSQL's max_connections. */
@Tag("postgres")
@DisplayName("Tasks 3 to 5: the trading repository, on PostgreSQL")
class TradingRepositoryOnPostgresTest extends TradingRepositoryContract {

    @Override
    TestDatabase newTradingDatabase() throws SQLException {
        return TradingFixtures.postgres();
    }
}
