package dev.trustgate.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trustgate.application.port.out.StorageUnavailableException;
import dev.trustgate.domain.Fixtures;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

class StorageFailuresTest {

    /** A database that cannot be reached, as the JDBC driver reports it. */
    static final class UnreachableDataSource implements DataSource {
        public Connection getConnection() throws SQLException {
            throw new SQLException("Connection refused", "08001");
        }

        public Connection getConnection(String user, String password) throws SQLException {
            return getConnection();
        }

        public PrintWriter getLogWriter() {
            return null;
        }

        public void setLogWriter(PrintWriter out) {
        }

        public void setLoginTimeout(int seconds) {
        }

        public int getLoginTimeout() {
            return 0;
        }

        public Logger getParentLogger() {
            return Logger.getGlobal();
        }

        public <T> T unwrap(Class<T> type) {
            throw new UnsupportedOperationException();
        }

        public boolean isWrapperFor(Class<?> type) {
            return false;
        }
    }

    @Test
    void aLostDatabaseSurfacesAsStorageUnavailable() {
        JdbiStorage storage = JdbiStorage.on(new UnreachableDataSource());

        assertThatThrownBy(() -> storage.transactions.inTransaction(() -> storage.contacts.find(Fixtures.KEY)))
                .isInstanceOf(StorageUnavailableException.class);
        assertThat(storage.ping()).isFalse();
    }

    @Test
    void aReachableDatabaseAnswersThePing() {
        assertThat(Storages.jdbi(Storages.h2("ping")).ping()).isTrue();
    }
}
