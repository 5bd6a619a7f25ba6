package dev.trustgate.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseSettingsTest {

    @Test
    void anH2UrlWithoutAWriteDelayGetsZeroSoEveryCommitIsWrittenBeforeItReturns() {
        assertThat(DatabaseSettings.of("jdbc:h2:file:./data/trustgate", null, null).url()).endsWith(";WRITE_DELAY=0")
                .containsOnlyOnce("WRITE_DELAY");
        assertThat(DatabaseSettings.of("jdbc:h2:file:/var/lib/trustgate/db;MODE=PostgreSQL", "sa", "").url())
                .contains(";WRITE_DELAY=0");
    }

    @Test
    void h2KeepsTheParsedFormOfEveryStatementOfAUseCase() throws Exception {
        String url = DatabaseSettings.of("jdbc:h2:mem:query-cache-" + java.util.UUID.randomUUID(), "sa", "").url();
        try (java.sql.Connection connection = java.sql.DriverManager.getConnection(url, "sa", "");
             java.sql.ResultSet setting = connection.createStatement().executeQuery(
                     "SELECT setting_value FROM information_schema.settings WHERE setting_name = 'QUERY_CACHE_SIZE'")) {
            assertThat(setting.next()).isTrue();
            assertThat(setting.getInt(1)).as("statements kept parsed per connection").isGreaterThanOrEqualTo(64);
        }
    }

    @Test
    void aWriteDelayInTheOperatorsOwnH2UrlIsKept() {
        assertThat(DatabaseSettings.of("jdbc:h2:file:./data/trustgate;write_delay=100", null, null).url())
                .contains(";write_delay=100").doesNotContain("WRITE_DELAY=0");
    }

    @Test
    void aPostgresqlUrlIsLeftAsGiven() {
        String url = "jdbc:postgresql://db.internal:5432/trustgate?sslmode=require";

        assertThat(DatabaseSettings.of(url, "app", "secret").url()).isEqualTo(url);
    }

    @Test
    void anH2FileHoldsACommitTheMomentTheCommitReturns(@TempDir Path dir) throws IOException {
        try (JdbiStorage running = JdbiStorage.open(DatabaseSettings.of("jdbc:h2:file:" + dir.resolve("live"), "sa", ""))) {
            running.transactions.inTransaction(() -> running.receipts.record("acknowledged", Instant.EPOCH));

            // what a SIGKILL right now would leave on disk: the file as it is, with the database still open
            Files.copy(dir.resolve("live.mv.db"), dir.resolve("after-kill.mv.db"));
        }
        try (JdbiStorage restarted = JdbiStorage.open(DatabaseSettings.of("jdbc:h2:file:" + dir.resolve("after-kill"), "sa", ""))) {
            assertThat(restarted.transactions.inTransaction(() -> restarted.receipts.record("acknowledged", Instant.EPOCH)))
                    .as("recorded before, so refused now").isFalse();
        }
    }

    @Test
    void theFileOfAnH2UrlIsKnownWhenItIsAPlainLocalFile() {
        assertThat(DatabaseSettings.of("jdbc:h2:file:./data/trustgate", null, null).h2File())
                .contains(Path.of("./data/trustgate.mv.db"));
        assertThat(DatabaseSettings.of("jdbc:h2:/var/lib/trustgate/db;MODE=PostgreSQL", null, null).h2File())
                .contains(Path.of("/var/lib/trustgate/db.mv.db"));
        assertThat(DatabaseSettings.of("jdbc:h2:~/trustgate", null, null).h2File())
                .contains(Path.of(System.getProperty("user.home") + "/trustgate.mv.db"));
        assertThat(DatabaseSettings.of("jdbc:h2:file:./db;ACCESS_MODE_DATA=rw", null, null).h2File())
                .contains(Path.of("./db.mv.db"));
    }

    @Test
    void noFileIsKnownForOtherDatabaseUrls() {
        for (String url : new String[] {"jdbc:h2:mem:trustgate", "jdbc:h2:tcp://db:9092/./trustgate",
                "jdbc:h2:nio:./data/trustgate", "jdbc:h2:file:./data/trustgate;CIPHER=AES",
                "jdbc:h2:file:./data/trustgate;ACCESS_MODE_DATA=r", "jdbc:postgresql://db/trustgate"}) {
            assertThat(DatabaseSettings.of(url, null, null).h2File()).as(url).isEmpty();
        }
    }
}
