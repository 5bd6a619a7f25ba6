package dev.trustgate.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

class SchemaCheckTest {

    private static final String COMMON = "classpath:db/migration/common";

    private final DatabaseSettings settings = DatabaseSettings.of("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");

    @Test
    void aDatabaseWithEveryShippedScriptAppliedIsCurrentSoFlywayNeedNotRun() {
        try (JdbiStorage storage = JdbiStorage.open(settings)) {
            assertThat(SchemaCheck.scripts(COMMON)).extracting(SchemaCheck.Script::name).contains("V1__trust_schema.sql");
            assertThat(SchemaCheck.isCurrent(storage.dataSource(), COMMON)).isTrue();
        }
    }

    @Test
    void anEmptyDatabaseIsNotCurrent() {
        try (var pool = JdbiStorage.pool(settings)) {
            assertThat(SchemaCheck.isCurrent(pool, COMMON)).isFalse();
        }
    }

    @Test
    void aDatabaseLackingTheNewestScriptIsNotCurrent() {
        try (JdbiStorage storage = JdbiStorage.open(settings)) {
            String newest = SchemaCheck.scripts(COMMON).stream().map(SchemaCheck.Script::version)
                    .max(java.util.Comparator.comparingLong(Long::parseLong)).orElseThrow();
            Jdbi.create(storage.dataSource()).useHandle(h -> h.execute("DELETE FROM \"flyway_schema_history\" WHERE \"version\" = ?", newest));

            assertThat(SchemaCheck.isCurrent(storage.dataSource(), COMMON)).isFalse();
        }
    }

    @Test
    void aScriptChangedSinceItWasAppliedIsLeftToFlywaysValidation() {
        try (JdbiStorage storage = JdbiStorage.open(settings)) {
            Jdbi.create(storage.dataSource()).useHandle(h -> h.execute(
                    "UPDATE \"flyway_schema_history\" SET \"checksum\" = \"checksum\" + 1 WHERE \"version\" = '1'"));

            assertThat(SchemaCheck.isCurrent(storage.dataSource(), COMMON)).isFalse();
        }
    }

    @Test
    void aDatabaseMigratedByANewerTrustgateIsNotCurrentForThisOne() {
        try (JdbiStorage storage = JdbiStorage.open(settings)) {
            JdbiStorage.migrate(storage.dataSource(), COMMON, "classpath:db/migration/future");

            assertThat(SchemaCheck.isCurrent(storage.dataSource(), COMMON)).isFalse();
            assertThat(SchemaCheck.isCurrent(storage.dataSource(), COMMON, "classpath:db/migration/future")).isTrue();
        }
    }
}
