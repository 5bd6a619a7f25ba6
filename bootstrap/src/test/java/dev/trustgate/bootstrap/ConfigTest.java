package dev.trustgate.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trustgate.domain.BusinessNumberId;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigTest {

    @Test
    void withNothingConfiguredItRunsEmbeddedInDryRun() {
        Config config = Config.load(Map.of(), Optional.empty());

        assertThat(config.port()).isEqualTo(8080);
        assertThat(config.database().url()).startsWith("jdbc:h2:file:./data/trustgate;MODE=PostgreSQL");
        assertThat(config.embeddedDatabase()).isTrue();
        assertThat(config.whatsAppMode()).isEqualTo(Config.WhatsAppMode.DRY_RUN);
        assertThat(config.developmentSecrets()).isTrue();
        assertThat(config.maxWebhookBytes()).isEqualTo(1_048_576);
    }

    @Test
    void theOutboxRetentionIsSevenDaysUnlessSetAsShortOrIsoDuration() {
        assertThat(Config.load(Map.of(), Optional.empty()).outboxRetention()).isEqualTo(Duration.ofDays(7));
        assertThat(Config.load(Map.of("TRUSTGATE_OUTBOX_RETENTION", "36h"), Optional.empty()).outboxRetention())
                .isEqualTo(Duration.ofHours(36));
        assertThat(Config.load(Map.of("TRUSTGATE_OUTBOX_RETENTION", "P2D"), Optional.empty()).outboxRetention())
                .isEqualTo(Duration.ofDays(2));
        assertThat(Config.load(Map.of("TRUSTGATE_OUTBOX_RETENTION", "90m"), Optional.empty()).outboxRetention())
                .isEqualTo(Duration.ofMinutes(90));
        assertThatThrownBy(() -> Config.load(Map.of("TRUSTGATE_OUTBOX_RETENTION", "a week"), Optional.empty()))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).containsExactly(
                        "TRUSTGATE_OUTBOX_RETENTION=a week: must be a duration such as 7d, 36h or P7D"));
        assertThatThrownBy(() -> Config.load(Map.of("TRUSTGATE_OUTBOX_RETENTION", "10m"), Optional.empty()))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).containsExactly(
                        "TRUSTGATE_OUTBOX_RETENTION=10m: must be at least 1h and at most 3650d"));
    }

    @Test
    void webhookIntakeCommitsInGroupsOfSixtyFourByOneWriterUnlessConfigured() {
        Config defaults = Config.load(Map.of(), Optional.empty());
        assertThat(defaults.groupCommitWriters()).isEqualTo(1);
        assertThat(defaults.groupCommitBatch()).isEqualTo(64);

        Config set = Config.load(Map.of("TRUSTGATE_GROUP_COMMIT_WRITERS", "2", "TRUSTGATE_GROUP_COMMIT_BATCH", "16"),
                Optional.empty());
        assertThat(set.groupCommitWriters()).isEqualTo(2);
        assertThat(set.groupCommitBatch()).isEqualTo(16);

        assertThatThrownBy(() -> Config.load(Map.of("TRUSTGATE_GROUP_COMMIT_WRITERS", "0", "TRUSTGATE_GROUP_COMMIT_BATCH",
                "many"), Optional.empty()))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).containsExactlyInAnyOrder(
                        "TRUSTGATE_GROUP_COMMIT_WRITERS=0: must be between 1 and 32",
                        "TRUSTGATE_GROUP_COMMIT_BATCH=many: must be a whole number"));
    }

    @Test
    void anAccessTokenMeansLiveAndLiveNeedsTheWebhookSecrets() {
        assertThatThrownBy(() -> Config.load(Map.of("WHATSAPP_ACCESS_TOKEN", "EAAG"), Optional.empty()))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).containsExactly(
                        "WHATSAPP_APP_SECRET: required in live mode (it verifies every webhook's signature)",
                        "WHATSAPP_VERIFY_TOKEN: required in live mode (WhatsApp's subscription handshake presents it)"));

        Config live = Config.load(Map.of("WHATSAPP_ACCESS_TOKEN", "EAAG", "WHATSAPP_APP_SECRET", "s",
                "WHATSAPP_VERIFY_TOKEN", "v"), Optional.empty());
        assertThat(live.whatsAppMode()).isEqualTo(Config.WhatsAppMode.LIVE);
        assertThat(live.developmentSecrets()).isFalse();
    }

    @Test
    void logsAreTextUnlessJsonIsAskedForAndAnyOtherFormatIsRefusedNamingTheVariable(@TempDir Path dir) throws Exception {
        assertThat(Config.load(Map.of(), Optional.empty()).logFormat()).isEqualTo(Config.LogFormat.TEXT);
        assertThat(Config.load(Map.of("TRUSTGATE_LOG_FORMAT", "json"), Optional.empty()).logFormat()).isEqualTo(Config.LogFormat.JSON);
        assertThat(Config.load(Map.of("TRUSTGATE_LOG_FORMAT", "TEXT"), Optional.empty()).logFormat()).isEqualTo(Config.LogFormat.TEXT);
        Path file = dir.resolve("trustgate.properties");
        Files.writeString(file, "TRUSTGATE_LOG_FORMAT=json\n");
        assertThat(Config.load(Map.of(), Optional.of(file)).logFormat()).isEqualTo(Config.LogFormat.JSON);

        assertThatThrownBy(() -> Config.load(Map.of("TRUSTGATE_LOG_FORMAT", "logstash"), Optional.empty()))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).containsExactly(
                        "TRUSTGATE_LOG_FORMAT=logstash: must be text or json"));
    }

    @Test
    void everyProblemIsOneLineNamingTheVariable() {
        assertThatThrownBy(() -> Config.load(Map.of("TRUSTGATE_PORT", "eighty", "TRUSTGATE_DB_URL", "jdbc:mysql://x",
                "TRUSTGATE_WHATSAPP_MODE", "maybe", "TRUSTGATE_MAX_WEBHOOK_BYTES", "10", "TRUSTGATE_ADMIN_KEY", "short",
                "WHATSAPP_GRAPH_URL", "ftp://graph"), Optional.empty()))
                .isInstanceOfSatisfying(ConfigException.class, e -> {
                    assertThat(e.problems()).hasSize(6);
                    assertThat(e.problems()).allSatisfy(p -> assertThat(p).doesNotContain("\n").matches("^[A-Z_]+[=:].*"));
                    assertThat(e.problems()).anySatisfy(p -> assertThat(p).startsWith("TRUSTGATE_PORT=eighty"));
                });
    }

    @Test
    void businessNumbersMayHaveARelayUrlOfTheirOwnBesideTheDefault() {
        Config config = Config.load(Map.of("TRUSTGATE_RELAY_URL", "https://app.example.com/whatsapp",
                "TRUSTGATE_RELAY_URLS", " 106540352242922=https://shop.example.com/hooks?tenant=a , 999000111=http://10.0.0.7:8080/wa,"),
                Optional.empty());

        assertThat(config.relayUrl()).contains(URI.create("https://app.example.com/whatsapp"));
        assertThat(config.relayUrls()).containsExactly(
                Map.entry(new BusinessNumberId("106540352242922"), URI.create("https://shop.example.com/hooks?tenant=a")),
                Map.entry(new BusinessNumberId("999000111"), URI.create("http://10.0.0.7:8080/wa")));
        assertThat(Config.load(Map.of(), Optional.empty()).relayUrls()).isEmpty();
    }

    @Test
    void eachProblemWithTheRelayUrlsIsOneLine() {
        assertThatThrownBy(() -> Config.load(Map.of("TRUSTGATE_RELAY_URLS", "106540352242922=ftp://x,https://no-number,"
                + "12ab=https://a.example,999000111=https://b.example,999000111=https://c.example,5=https://u:p@d.example",
                "TRUSTGATE_RELAY_URL", "https://user:secret@relay.example"), Optional.empty()))
                .isInstanceOfSatisfying(ConfigException.class, e -> {
                    assertThat(e.problems()).containsExactlyInAnyOrder(
                            "TRUSTGATE_RELAY_URLS: 106540352242922=ftp://x: must be an http:// or https:// URL",
                            "TRUSTGATE_RELAY_URLS: https://no-number: must be <phone_number_id>=<url>",
                            "TRUSTGATE_RELAY_URLS: 12ab=https://a.example: 12ab is not a phone number id (digits only)",
                            "TRUSTGATE_RELAY_URLS: 999000111 is given more than once",
                            "TRUSTGATE_RELAY_URLS: 5=…: must not carry credentials (user:password@)",
                            "TRUSTGATE_RELAY_URL: must not carry credentials (user:password@)");
                    assertThat(String.join("\n", e.problems())).doesNotContain("secret").doesNotContain("u:p");
                });
    }

    @Test
    void aPropertiesFileFillsWhatTheEnvironmentLeavesOpen(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("trustgate.properties");
        Files.writeString(file, "TRUSTGATE_PORT=9090\nTRUSTGATE_HOST=127.0.0.1\n");

        Config config = Config.load(Map.of("TRUSTGATE_PORT", "9191"), Optional.of(file));

        assertThat(config.port()).isEqualTo(9191);
        assertThat(config.host()).isEqualTo("127.0.0.1");
    }

    @Test
    void aMisspelledSettingInTheFileIsReported(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("trustgate.properties");
        Files.writeString(file, "TRUSTGATE_PROT=9090\n");

        assertThatThrownBy(() -> Config.load(Map.of(), Optional.of(file)))
                .hasMessageContaining("unknown setting TRUSTGATE_PROT");
    }

    @Test
    void thePasswordNeverAppearsInTheConfigsText() {
        Config config = Config.load(Map.of("TRUSTGATE_DB_URL", "jdbc:postgresql://db/tg", "TRUSTGATE_DB_PASSWORD", "hunter2"),
                Optional.empty());

        assertThat(config.toString()).doesNotContain("hunter2");
    }
}
