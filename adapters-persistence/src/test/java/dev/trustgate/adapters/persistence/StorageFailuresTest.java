package dev.trustgate.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trustgate.application.port.out.StorageUnavailableException;
import dev.trustgate.domain.Fixtures;
import java.io.PrintWriter;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
    void anH2FileThatAnotherProcessHoldsIsReportedAsInUse(@TempDir Path data) throws Exception {
        DatabaseSettings settings = DatabaseSettings.of("jdbc:h2:file:" + data.resolve("trustgate"), null, null);
        JdbiStorage.open(settings).close();
        // H2 locks the file while it is open; another process holding that lock looks the same from here.
        try (FileChannel file = FileChannel.open(data.resolve("trustgate.mv.db"), StandardOpenOption.READ, StandardOpenOption.WRITE);
             FileLock held = file.lock()) {
            assertThatThrownBy(() -> JdbiStorage.open(settings))
                    .isInstanceOfSatisfying(DatabaseInUseException.class, e -> assertThat(e.getMessage())
                            .isEqualTo("cannot open the database at jdbc:h2:file:" + data.resolve("trustgate")
                                    + ": another process has it open (an H2 file is used by one trustgate process at a time)"));
        }
    }

    @Test
    void aReachableDatabaseAnswersThePing() {
        assertThat(Storages.jdbi(Storages.h2("ping")).ping()).isTrue();
    }
}
