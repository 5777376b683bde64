package poolkit.separation;

import org.junit.jupiter.api.DisplayName;
import poolkit.testsupport.TestDatabase;

import java.sql.SQLException;

@DisplayName("Tasks 3 to 5: the trading repository, on H2")
class TradingRepositoryOnH2Test extends TradingRepositoryContract {

    @Override
    TestDatabase newTradingDatabase() throws SQLException {
        return TradingFixtures.h2();
    }
}
