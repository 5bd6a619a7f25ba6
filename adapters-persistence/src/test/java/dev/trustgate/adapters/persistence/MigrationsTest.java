package dev.trustgate.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class MigrationsTest {

    @Test
    void migratingAnUpToDateDatabaseAgainChangesNothing() {
        DatabaseSettings settings = EmbeddedPostgresServer.settings("remigrate");
        try (JdbiStorage first = JdbiStorage.open(settings)) {
            first.transactions.inTransaction(() -> first.receipts.record("kept", java.time.Instant.EPOCH));
        }
        try (JdbiStorage second = JdbiStorage.open(settings)) {
            assertThat(second.transactions.inTransaction(() -> second.receipts.record("kept", java.time.Instant.EPOCH)))
                    .as("recorded before, so refused now").isFalse();
        }
    }

    @Test
    void aDatabaseMigratedByANewerTrustgateIsRefused() {
        DatabaseSettings settings = DatabaseSettings.of("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
        try (JdbiStorage storage = JdbiStorage.open(settings)) {
            JdbiStorage.migrate(storage.dataSource(), "classpath:db/migration/common", "classpath:db/migration/future");

            assertThatThrownBy(() -> JdbiStorage.migrate(storage.dataSource()))
                    .isInstanceOf(StorageStartException.class)
                    .hasMessageContaining("cannot migrate the database schema")
                    .hasMessageContaining("999");
        }
    }

    @Test
    void anUnreachableDatabaseFailsWithOneLineNamingTheUrlButNotThePassword() {
        DatabaseSettings settings = new DatabaseSettings("jdbc:postgresql://127.0.0.1:1/trustgate?password=hunter2", "app",
                "s3cret", 2, Duration.ofMillis(500));

        assertThatThrownBy(() -> JdbiStorage.open(settings))
                .isInstanceOfSatisfying(StorageStartException.class, e -> {
                    assertThat(e.getMessage()).contains("jdbc:postgresql://127.0.0.1:1/trustgate?password=***")
                            .contains("as app").doesNotContain("hunter2").doesNotContain("s3cret");
                    assertThat(e.getMessage().lines()).hasSize(1);
                });
    }

    @Test
    void aUserWithoutRightsOnSchemaPublicIsToldSoInOneLine() {
        // PostgreSQL 15 and newer no longer let every user create tables in schema public; the embedded
        // PostgreSQL 14 is made to behave the same by revoking that right from PUBLIC.
        String database = "tg_not_owner";
        EmbeddedPostgresServer.asSuperuser("postgres", "CREATE DATABASE " + database, "CREATE ROLE tg_not_owner LOGIN PASSWORD 'pw'");
        EmbeddedPostgresServer.asSuperuser(database, "REVOKE CREATE ON SCHEMA public FROM PUBLIC");

        assertThatThrownBy(() -> JdbiStorage.open(DatabaseSettings.of(EmbeddedPostgresServer.urlOf(database), "tg_not_owner", "pw")))
                .isInstanceOfSatisfying(StorageStartException.class, e -> {
                    assertThat(e.getMessage().lines()).hasSize(1);
                    assertThat(e.getMessage()).contains("permission denied for schema public")
                            .contains("tg_not_owner").contains("owner").contains("docs/operations.md")
                            .doesNotContain("-----").doesNotContain("Failed to execute script");
                });
    }

    @Test
    void aFailingMigrationNamesTheStatementsErrorNotFlywaysReport() {
        DatabaseSettings settings = DatabaseSettings.of("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
        try (JdbiStorage storage = JdbiStorage.open(settings)) {
            storage.transactions.inTransaction(() -> storage.receipts.record("kept", java.time.Instant.EPOCH));
            assertThatThrownBy(() -> JdbiStorage.migrate(storage.dataSource(), "classpath:db/migration/common",
                    "classpath:db/migration/broken"))
                    .isInstanceOfSatisfying(StorageStartException.class, e -> {
                        assertThat(e.getMessage().lines()).hasSize(1);
                        assertThat(e.getMessage()).startsWith("cannot migrate the database schema: ")
                                .contains("V900__broken.sql").contains("no_such_table").doesNotContain("-----");
                    });
        }
    }

    @Test
    void h2UrlsGetTheCompatibilitySettingsTrustgateNeeds() {
        assertThat(DatabaseSettings.of("jdbc:h2:file:./data/trustgate", null, null).url())
                .contains(";MODE=PostgreSQL").contains(";DATABASE_TO_LOWER=TRUE").contains(";DEFAULT_NULL_ORDERING=HIGH");
        assertThat(DatabaseSettings.of("jdbc:h2:mem:x;MODE=PostgreSQL", null, null).url()).containsOnlyOnce("MODE=");
        assertThatThrownBy(() -> DatabaseSettings.of("jdbc:mysql://db/x", null, null))
                .hasMessageContaining("jdbc:h2: or jdbc:postgresql:");
    }
}
