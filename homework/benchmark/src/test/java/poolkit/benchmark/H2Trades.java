package poolkit.benchmark;

import java.sql.Connection;
import java.sql.SQLException;
import poolkit.testsupport.TestDatabase;
import poolkit.testsupport.TestDatabases;

/** A fresh H2 database with the trades table, and a counting connection source for it. */
record H2Trades(TestDatabase database, ConnectionSource source) {

    static H2Trades create() throws SQLException {
        TestDatabase database = TestDatabases.h2();
        try (Connection connection = database.connect()) {
            Workload.prepare(connection);
        }
        return new H2Trades(database, new ConnectionSource(database.jdbcUrl(), database.user(), database.password()));
    }

    long tradeCount() throws SQLException {
        return database.queryForLong("SELECT count(*) FROM trades");
    }
}
