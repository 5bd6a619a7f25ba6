package dev.trustgate.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class H2CrashRecoveryTest {

    private static final int COMMITS = 20;

    @Test
    void aCrashAfterAnyCommitLeavesThatCommitForTheNextStart(@TempDir Path dir) throws Exception {
        int droppedByH2Alone = 0;
        // RETENTION_TIME=0: H2 reuses freed space at once, as a running node does once its data is 45 s old
        String url = "jdbc:h2:file:" + dir.resolve("live") + ";RETENTION_TIME=0";
        try (JdbiStorage live = JdbiStorage.open(DatabaseSettings.of(url, "sa", ""))) {
            for (int i = 0; i < COMMITS; i++) {
                String key = "acknowledged-" + i;
                live.transactions.inTransaction(() -> live.receipts.record(key, Instant.EPOCH));

                // what a SIGKILL right now would leave on disk, twice: once for H2 alone, once for trustgate
                Path h2Alone = copy(dir, "h2-alone-" + i);
                Path trustgate = copy(dir, "trustgate-" + i);
                if (!holds(h2Alone, key)) {
                    droppedByH2Alone++;
                }
                H2CrashRecovery.recoverNewestCommits(trustgate);
                assertThat(holds(trustgate, key)).as("commit %d after the crash", i).isTrue();
            }
        }
        assertThat(droppedByH2Alone).as("commits H2's own crash recovery dropped (none: H2 is fixed and "
                + "H2CrashRecovery can go)").isPositive();
    }

    @Test
    void aFileThatWasClosedCleanlyIsOpenedAsItIs(@TempDir Path dir) throws Exception {
        String url = "jdbc:h2:file:" + dir.resolve("live");
        try (JdbiStorage live = JdbiStorage.open(DatabaseSettings.of(url, "sa", ""))) {
            live.transactions.inTransaction(() -> live.receipts.record("kept", Instant.EPOCH));
        }
        Path file = dir.resolve("live.mv.db");
        byte[] before = Files.readAllBytes(file);

        H2CrashRecovery.recoverNewestCommits(file);
        H2CrashRecovery.recoverNewestCommits(dir.resolve("missing.mv.db"));

        assertThat(Files.readAllBytes(file)).isEqualTo(before);
        assertThat(Files.exists(dir.resolve("missing.mv.db"))).isFalse();
    }

    private static Path copy(Path dir, String name) throws IOException {
        return Files.copy(dir.resolve("live.mv.db"), dir.resolve(name + ".mv.db"));
    }

    private static boolean holds(Path file, String receipt) throws SQLException {
        String name = file.toString().substring(0, file.toString().length() - ".mv.db".length());
        try (Connection db = DriverManager.getConnection(DatabaseSettings.of("jdbc:h2:file:" + name, "sa", "").url(), "sa", "");
             PreparedStatement query = db.prepareStatement("SELECT COUNT(*) FROM webhook_receipts WHERE receipt_key = ?")) {
            query.setString(1, receipt);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() && rows.getLong(1) == 1;
            }
        }
    }
}
