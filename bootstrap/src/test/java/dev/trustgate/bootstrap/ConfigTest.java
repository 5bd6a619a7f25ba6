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
    void whatIsNotConfiguredTakesTheDefaultTheHelpShows() {
        Config config = Config.load(Map.of(), Optional.empty());

        assertThat(config.host()).isEqualTo("0.0.0.0");
        assertThat(config.database().maxPoolSize()).isEqualTo(16);
        assertThat(config.graphUrl()).isEqualTo(URI.create("https://graph.facebook.com"));
        assertThat(config.graphVersion()).isEqualTo("v25.0");
        assertThat(config.subscriptionUrls()).isEqualTo(Config.SubscriptionUrls.ANY);
        assertThat(config.whatsAppTimeout()).isEqualTo(Duration.ofSeconds(10));
        Map.ofEntries(Map.entry("TRUSTGATE_HOST", "0.0.0.0"), Map.entry("TRUSTGATE_PORT", "8080"),
                Map.entry("TRUSTGATE_DB_POOL_SIZE", "16"), Map.entry("WHATSAPP_GRAPH_URL", "https://graph.facebook.com"),
                Map.entry("WHATSAPP_GRAPH_VERSION", "v25.0"), Map.entry("TRUSTGATE_SUBSCRIPTION_URLS", "any"),
                Map.entry("WHATSAPP_TIMEOUT_SECONDS", "10"), Map.entry("TRUSTGATE_MAX_WEBHOOK_BYTES", "1048576"),
                Map.entry("TRUSTGATE_OUTBOX_RETENTION", "7d"), Map.entry("TRUSTGATE_GROUP_COMMIT_WRITERS", "1"),
                Map.entry("TRUSTGATE_GROUP_COMMIT_BATCH", "64"))
                .forEach((name, shown) -> assertThat(Main.environmentHelp()).as(name)
                        .contains("  " + name + "  (default: " + shown + ")"));
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
    void simSwapNoticesNeedASinkCredentialAndSeveralMayBeGivenWhileOneIsReplaced() {
        assertThat(Config.load(Map.of(), Optional.empty()).simSwapSinkCredentials()).isEmpty();
        assertThat(Config.load(Map.of("CAMARA_SINK_CREDENTIAL", SECRET_A + ", " + SECRET_B), Optional.empty()).simSwapSinkCredentials())
                .containsExactly(SECRET_A, SECRET_B);
        assertThatThrownBy(() -> Config.load(Map.of("CAMARA_SINK_CREDENTIAL", "short," + SECRET_A + "," + SECRET_A), Optional.empty()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("CAMARA_SINK_CREDENTIAL: credential 1 must be 32 to 256")
                .hasMessageContaining("CAMARA_SINK_CREDENTIAL: credential 3 is given twice")
                .hasMessageNotContaining(SECRET_A);
    }

    @Test
    void theOperatorsApiNeedsItsTokenEndpointClientCredentialsAnHttpsSinkAndASinkCredential() {
        assertThat(Config.load(Map.of(), Optional.empty()).camara()).isEmpty();
        Config config = Config.load(Map.of("CAMARA_API_ROOT", "https://api.operator.example", "CAMARA_TOKEN_URL",
                "https://auth.operator.example/token", "CAMARA_CLIENT_ID", "trustgate", "CAMARA_CLIENT_SECRET", "s3cret",
                "CAMARA_SINK_URL", "https://trustgate.example/signals/camara/sim-swap", "CAMARA_SINK_CREDENTIAL", SECRET_A), Optional.empty());
        assertThat(config.camara()).hasValueSatisfying(c -> {
            assertThat(c.apiRoot()).hasToString("https://api.operator.example");
            assertThat(c.clientSecret()).isEqualTo("s3cret");
            assertThat(c.toString()).doesNotContain("s3cret");
        });
        assertThatThrownBy(() -> Config.load(Map.of("CAMARA_API_ROOT", "https://api.operator.example", "CAMARA_CLIENT_SECRET", "s3cret",
                "CAMARA_SINK_URL", "http://trustgate.example/sink"), Optional.empty()))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).contains(
                        "CAMARA_TOKEN_URL: required when CAMARA_API_ROOT is set",
                        "CAMARA_CLIENT_ID: required when CAMARA_API_ROOT is set",
                        "CAMARA_SINK_URL=http://trustgate.example/sink: must be an https:// URL (CAMARA subscriptions take only https sinks; http only on the loopback, for tests)")
                        .anySatisfy(p -> assertThat(p).startsWith("CAMARA_SINK_CREDENTIAL: required"))
                        .noneSatisfy(p -> assertThat(p).contains("s3cret")));
        assertThatThrownBy(() -> Config.load(Map.of("CAMARA_CLIENT_ID", "trustgate"), Optional.empty()))
                .hasMessageContaining("CAMARA_CLIENT_ID: only used with CAMARA_API_ROOT");
    }

    @Test
    void theOperatorsApiAndTokenEndpointAreReachedOverHttpsOnlySinceTheyCarryTheClientSecretAndTheSinkCredential() {
        Map<String, String> plain = Map.of("CAMARA_API_ROOT", "http://api.operator.example", "CAMARA_TOKEN_URL",
                "http://auth.operator.example/token", "CAMARA_CLIENT_ID", "trustgate", "CAMARA_CLIENT_SECRET", "s3cret",
                "CAMARA_SINK_URL", "https://trustgate.example/signals/camara/sim-swap", "CAMARA_SINK_CREDENTIAL", SECRET_A);

        assertThatThrownBy(() -> Config.load(plain, Optional.empty()))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems())
                        .anySatisfy(p -> assertThat(p).startsWith("CAMARA_API_ROOT=http://api.operator.example: must be an https:// URL"))
                        .anySatisfy(p -> assertThat(p).startsWith("CAMARA_TOKEN_URL=http://auth.operator.example/token: must be an https:// URL"))
                        .noneSatisfy(p -> assertThat(p).contains("s3cret")));
        Map<String, String> loopback = new java.util.HashMap<>(plain);
        loopback.put("CAMARA_API_ROOT", "http://127.0.0.1:8089");
        loopback.put("CAMARA_TOKEN_URL", "http://localhost:8089/token");
        assertThat(Config.load(loopback, Optional.empty()).camara()).isPresent();
    }

    @Test
    void theOperatorsUrlsCarryNoCredentialsAndAProblemNeverRepeatsThem() {
        Map<String, String> withUserInfo = Map.of("CAMARA_API_ROOT", "https://trustgate:pa55word@api.operator.example",
                "CAMARA_TOKEN_URL", "http://trustgate:pa55word@auth.operator.example/token", "CAMARA_CLIENT_ID", "trustgate",
                "CAMARA_CLIENT_SECRET", "s3cret", "CAMARA_SINK_URL", "https://user:pa55word@trustgate.example/signals/camara/sim-swap",
                "CAMARA_SINK_CREDENTIAL", SECRET_A);

        assertThatThrownBy(() -> Config.load(withUserInfo, Optional.empty()))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems())
                        .contains("CAMARA_API_ROOT: must not carry credentials (user:password@)",
                                "CAMARA_TOKEN_URL: must not carry credentials (user:password@)",
                                "CAMARA_SINK_URL: must not carry credentials (user:password@)")
                        .noneSatisfy(p -> assertThat(p).contains("pa55word")));
    }

    private static final String SECRET_A = "whs_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
    private static final String SECRET_B = "whs_bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";

    @Test
    void withoutAProviderItIsTheCloudApiWithATokenAndDryRunWithout() {
        assertThat(Config.load(Map.of(), Optional.empty()).provider()).isEqualTo(Config.Provider.DRY_RUN);
        assertThat(Config.load(Map.of("WHATSAPP_ACCESS_TOKEN", "EAAG", "WHATSAPP_APP_SECRET", "s", "WHATSAPP_VERIFY_TOKEN", "v"),
                Optional.empty()).provider()).isEqualTo(Config.Provider.CLOUD_API);
        assertThat(Config.load(Map.of("TRUSTGATE_WHATSAPP_PROVIDER", "dry-run", "WHATSAPP_ACCESS_TOKEN", "EAAG"), Optional.empty())
                .whatsAppMode()).isEqualTo(Config.WhatsAppMode.DRY_RUN);
        assertThatThrownBy(() -> Config.load(Map.of("TRUSTGATE_WHATSAPP_PROVIDER", "cloud-api"), Optional.empty()))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).contains(
                        "WHATSAPP_ACCESS_TOKEN: required when TRUSTGATE_WHATSAPP_PROVIDER=cloud-api"));
    }

    @Test
    void threeSixtyDialogTakesAnApiKeyAndAWebhookSecretPerBusinessNumber() {
        Config config = Config.load(Map.of("TRUSTGATE_WHATSAPP_PROVIDER", "360dialog",
                "D360_API_KEYS", "106540352242922=key-a, 999000111=key-b",
                "D360_WEBHOOK_SECRETS", "106540352242922=" + SECRET_A + ",999000111=" + SECRET_B), Optional.empty());

        assertThat(config.provider()).isEqualTo(Config.Provider.DIALOG_360);
        assertThat(config.whatsAppMode()).isEqualTo(Config.WhatsAppMode.LIVE);
        assertThat(config.developmentSecrets()).isFalse();
        Config.Dialog360 d360 = config.dialog360().orElseThrow();
        assertThat(d360.baseUrl()).isEqualTo(URI.create("https://waba-v2.360dialog.io"));
        assertThat(d360.apiKeys()).containsEntry(new BusinessNumberId("106540352242922"), "key-a")
                .containsEntry(new BusinessNumberId("999000111"), "key-b");
        assertThat(d360.webhookSecrets()).containsEntry(new BusinessNumberId("999000111"), SECRET_B);
        assertThat(config.toString() + d360).doesNotContain("key-a").doesNotContain(SECRET_A);
    }

    @Test
    void infobipTakesItsAccountsUrlKeyAndWebhookSecretAndTheOperatorsWordOnTheAddOn() {
        Config config = Config.load(Map.of("TRUSTGATE_WHATSAPP_PROVIDER", "infobip",
                "INFOBIP_BASE_URL", "https://xyz123.api.infobip.com", "INFOBIP_API_KEY", "ib-app-key",
                "INFOBIP_WEBHOOK_SECRET", SECRET_A, "INFOBIP_IDENTITY_CHANGE", "enabled"), Optional.empty());

        assertThat(config.provider()).isEqualTo(Config.Provider.INFOBIP);
        Config.Infobip infobip = config.infobip().orElseThrow();
        assertThat(infobip.baseUrl()).isEqualTo(URI.create("https://xyz123.api.infobip.com"));
        assertThat(infobip.identityChangeEnabled()).isTrue();
        assertThat(config.toString() + infobip).doesNotContain("ib-app-key").doesNotContain(SECRET_A);
        assertThat(Config.load(Map.of("TRUSTGATE_WHATSAPP_PROVIDER", "infobip", "INFOBIP_BASE_URL", "https://xyz123.api.infobip.com",
                "INFOBIP_API_KEY", "k", "INFOBIP_WEBHOOK_SECRET", SECRET_A), Optional.empty()).infobip().orElseThrow()
                .identityChangeEnabled()).isFalse();
    }

    @Test
    void eachMissingOrWrongProviderSettingIsOneLineNamingTheVariableAndNoSecret() {
        assertThatThrownBy(() -> Config.load(Map.of("TRUSTGATE_WHATSAPP_PROVIDER", "twilio"), Optional.empty()))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).containsExactly(
                        "TRUSTGATE_WHATSAPP_PROVIDER=twilio: must be cloud-api, 360dialog, infobip or dry-run"));
        assertThatThrownBy(() -> Config.load(Map.of("TRUSTGATE_WHATSAPP_PROVIDER", "360dialog"), Optional.empty()))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).containsExactly(
                        "D360_API_KEYS: required when TRUSTGATE_WHATSAPP_PROVIDER=360dialog (<phone_number_id>=<D360-API-KEY>,…)",
                        "D360_WEBHOOK_SECRETS: required when TRUSTGATE_WHATSAPP_PROVIDER=360dialog "
                                + "(<phone_number_id>=<secret of 32 to 128 letters, digits, - or _>,…)"));
        assertThatThrownBy(() -> Config.load(Map.of("TRUSTGATE_WHATSAPP_PROVIDER", "360dialog",
                "D360_API_KEYS", "106540352242922=key-a,999000111=key-b,5=",
                "D360_WEBHOOK_SECRETS", "106540352242922=too-short-secret,777=" + SECRET_A + ",888=" + SECRET_A,
                "D360_BASE_URL", "ftp://waba"), Optional.empty()))
                .isInstanceOfSatisfying(ConfigException.class, e -> {
                    assertThat(e.problems()).containsExactlyInAnyOrder(
                            "D360_BASE_URL=ftp://waba: must be an http:// or https:// URL",
                            "D360_API_KEYS: 5=…: the value is empty",
                            "D360_WEBHOOK_SECRETS: 106540352242922=…: must be 32 to 128 letters, digits, - or _ "
                                    + "(it is part of the webhook URL)",
                            "D360_WEBHOOK_SECRETS: 888 has the same secret as another business number; each needs its own",
                            "D360_WEBHOOK_SECRETS: 999000111 has a key in D360_API_KEYS but no webhook secret",
                            "D360_API_KEYS: 777 has a webhook secret in D360_WEBHOOK_SECRETS but no key",
                            "D360_API_KEYS: 888 has a webhook secret in D360_WEBHOOK_SECRETS but no key");
                    assertThat(String.join("\n", e.problems())).doesNotContain("key-a").doesNotContain(SECRET_A)
                            .doesNotContain("too-short-secret");
                });
        assertThatThrownBy(() -> Config.load(Map.of("TRUSTGATE_WHATSAPP_PROVIDER", "infobip", "INFOBIP_BASE_URL", "xyz.api.infobip.com",
                "INFOBIP_IDENTITY_CHANGE", "yes"), Optional.empty()))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).containsExactlyInAnyOrder(
                        "INFOBIP_BASE_URL=xyz.api.infobip.com: must be an http:// or https:// URL",
                        "INFOBIP_API_KEY: required when TRUSTGATE_WHATSAPP_PROVIDER=infobip (the API key, sent as Authorization: App <key>)",
                        "INFOBIP_WEBHOOK_SECRET: required when TRUSTGATE_WHATSAPP_PROVIDER=infobip "
                                + "(a secret of 32 to 128 letters, digits, - or _)",
                        "INFOBIP_IDENTITY_CHANGE=yes: must be enabled or disabled"));
    }

    @Test
    void settingsOfAnotherProviderAreRefusedRatherThanSilentlyIgnored() {
        assertThatThrownBy(() -> Config.load(Map.of("D360_API_KEYS", "106540352242922=key-a", "INFOBIP_API_KEY", "k"), Optional.empty()))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).containsExactly(
                        "D360_API_KEYS: only used when TRUSTGATE_WHATSAPP_PROVIDER=360dialog (the provider is dry-run)",
                        "INFOBIP_API_KEY: only used when TRUSTGATE_WHATSAPP_PROVIDER=infobip (the provider is dry-run)"));
        assertThatThrownBy(() -> Config.load(Map.of("TRUSTGATE_WHATSAPP_PROVIDER", "infobip", "INFOBIP_BASE_URL", "https://x.api.infobip.com",
                "INFOBIP_API_KEY", "k", "INFOBIP_WEBHOOK_SECRET", SECRET_A, "WHATSAPP_APP_SECRET", "meta-secret",
                "TRUSTGATE_WHATSAPP_MODE", "dry-run"), Optional.empty()))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).containsExactly(
                        "TRUSTGATE_WHATSAPP_MODE=dry-run: contradicts TRUSTGATE_WHATSAPP_PROVIDER=infobip (set only the provider)",
                        "WHATSAPP_APP_SECRET: Meta's webhook secret is not used with TRUSTGATE_WHATSAPP_PROVIDER=infobip "
                                + "(its webhooks come to a secret path instead); remove it"));
    }

    @Test
    void aRelayBehindAProviderWithoutMetasAppSecretNeedsASecretOfItsOwn() {
        assertThatThrownBy(() -> Config.load(Map.of("TRUSTGATE_WHATSAPP_PROVIDER", "infobip", "INFOBIP_BASE_URL", "https://x.api.infobip.com",
                "INFOBIP_API_KEY", "k", "INFOBIP_WEBHOOK_SECRET", SECRET_A, "TRUSTGATE_RELAY_URL", "https://app.example.com/wa"),
                Optional.empty()))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).containsExactly(
                        "TRUSTGATE_RELAY_SECRET: required with a relay URL when TRUSTGATE_WHATSAPP_PROVIDER=infobip "
                                + "(there is no Meta app secret to re-sign relayed webhooks with)"));
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
