package dev.trustgate.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trustgate.adapters.persistence.DatabaseSettings;
import dev.trustgate.adapters.persistence.JdbiStorage;
import dev.trustgate.domain.Actor;
import dev.trustgate.domain.ContactKey;
import dev.trustgate.domain.ContactNames;
import dev.trustgate.domain.ContactRef;
import dev.trustgate.domain.TrustEvent;
import dev.trustgate.domain.TrustState;
import dev.trustgate.domain.WaId;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandLineTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(Map<String, String> env, String... args) {
        out.reset();
        err.reset();
        return Main.run(args, env, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private static Map<String, String> embedded(Path data) {
        Map<String, String> env = new HashMap<>();
        env.put("TRUSTGATE_DB_URL", "jdbc:h2:file:" + data.resolve("db"));
        return env;
    }

    @Test
    void helpAndVersionAnswerWithoutStartingAnything() {
        assertThat(run(Map.of(), "--help")).isZero();
        assertThat(out()).contains("serve", "migrate", "api-key", "audit", "simulate");
        assertThat(run(Map.of(), "--version")).isZero();
        assertThat(out()).startsWith("trustgate");
    }

    @Test
    void helpIsACommandToo() {
        assertThat(run(Map.of(), "help")).isZero();
        assertThat(out()).contains("serve", "migrate", "api-key", "audit", "simulate");
        assertThat(run(Map.of(), "help", "audit")).isZero();
        assertThat(out()).contains("verify");
    }

    @Test
    void serveHelpListsEveryEnvironmentVariableWithItsDefault() {
        assertThat(run(Map.of(), "serve", "--help")).isZero();
        assertThat(out()).contains(Config.VARIABLES.keySet()).contains("8080").contains("--config");
    }

    @Test
    void everyOptionAndParameterOfEveryCommandIsDescribed() {
        java.util.List<String> undescribed = new java.util.ArrayList<>();
        java.util.Deque<picocli.CommandLine> commands = new java.util.ArrayDeque<>(java.util.List.of(new picocli.CommandLine(new Main())));
        while (!commands.isEmpty()) {
            picocli.CommandLine command = commands.pop();
            command.getCommandSpec().args().stream()
                    .filter(arg -> !(arg instanceof picocli.CommandLine.Model.OptionSpec o) || !(o.usageHelp() || o.versionHelp()))
                    .filter(arg -> String.join("", arg.description()).isBlank())
                    .forEach(arg -> undescribed.add(command.getCommandSpec().qualifiedName() + " " + arg.paramLabel()));
            commands.addAll(command.getSubcommands().values());
        }
        assertThat(undescribed).isEmpty();
        assertThat(run(Map.of(), "audit", "verify", "--help")).isZero();
        assertThat(out()).contains("--phone-number-id").contains("business number");
    }

    @Test
    void theStartBannerSaysWhatToDoNext(@TempDir Path data) {
        Map<String, String> env = embedded(data);
        env.put("TRUSTGATE_HOST", "127.0.0.1");
        env.put("TRUSTGATE_PORT", "0");

        assertThat(banner(env)).containsPattern("console: +http://127\\.0\\.0\\.1:[0-9]+/console/")
                .contains("README.md").contains("walk-through").contains("docs/going-live.md");
    }

    @Test
    void anUnknownFlagIsOneClearLineAndExitCode2() {
        assertThat(run(Map.of(), "--frobnicate")).isEqualTo(2);
        assertThat(err()).contains("Unknown option: '--frobnicate'");
    }

    @Test
    void badConfigurationStopsTheStartWithOneLinePerProblem() {
        assertThat(run(Map.of("TRUSTGATE_PORT", "x", "TRUSTGATE_DB_URL", "jdbc:oracle:thin"), "serve")).isEqualTo(2);
        assertThat(err().lines()).hasSize(2).allSatisfy(line -> assertThat(line).startsWith("trustgate: TRUSTGATE_"));
    }

    @Test
    void aLogFormatTrustgateDoesNotWriteStopsTheStartNamingTheVariable(@TempDir Path data) {
        Map<String, String> env = embedded(data);
        env.put("TRUSTGATE_LOG_FORMAT", "xml");

        assertThat(run(env, "serve")).isEqualTo(2);
        assertThat(err().lines()).containsExactly("trustgate: TRUSTGATE_LOG_FORMAT=xml: must be text or json");
        assertThat(data.resolve("db.mv.db")).as("nothing was started").doesNotExist();
    }

    @Test
    void aPortInUseIsOneClearLine(@TempDir Path data) throws Exception {
        try (ServerSocket taken = new ServerSocket(0)) {
            Map<String, String> env = embedded(data);
            env.put("TRUSTGATE_PORT", Integer.toString(taken.getLocalPort()));
            env.put("TRUSTGATE_HOST", "127.0.0.1");
            assertThat(run(env, "serve")).isEqualTo(2);
        }
        assertThat(err().lines()).singleElement().satisfies(line -> assertThat(line).startsWith("trustgate: cannot start"));
    }

    @Test
    void aPortInUseNamesThePortAndTheVariableThatMovesIt(@TempDir Path data) throws Exception {
        Map<String, String> env = embedded(data);
        env.put("TRUSTGATE_HOST", "127.0.0.1");
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            env.put("TRUSTGATE_PORT", Integer.toString(taken.getLocalPort()));
            assertThat(run(env, "serve")).isEqualTo(2);
            assertThat(err().lines()).singleElement().isEqualTo("trustgate: cannot start: port " + taken.getLocalPort()
                    + " on 127.0.0.1 is already in use by another program; stop it, or set TRUSTGATE_PORT to a free port");
        }
    }

    @Test
    void aHostThatIsNotAnAddressOfThisMachineIsNamed(@TempDir Path data) {
        Map<String, String> env = embedded(data);
        env.put("TRUSTGATE_HOST", "192.0.2.1");   // TEST-NET-1: never an address of this machine
        env.put("TRUSTGATE_PORT", "0");
        assertThat(run(env, "serve")).isEqualTo(2);
        assertThat(err().lines()).singleElement().satisfies(line -> assertThat(line)
                .startsWith("trustgate: cannot start: TRUSTGATE_HOST=192.0.2.1 ").contains("not an address of this machine"));
    }

    @Test
    void aConfigFileThatDoesNotExistIsNamed(@TempDir Path data) {
        assertThat(run(Map.of(), "--config", data.resolve("missing.properties").toString(), "serve")).isEqualTo(2);
        assertThat(err().lines()).singleElement().isEqualTo("trustgate: --config " + data.resolve("missing.properties")
                + ": no such file");
        assertThat(run(Map.of(), "serve", "--config", data.resolve("missing.properties").toString())).as("after the command too")
                .isEqualTo(2);
        assertThat(err()).contains("no such file");
    }

    @Test
    void aFirstStartThatCannotListenKeepsNoAdminKeySoTheNextStartPrintsOne(@TempDir Path data) throws Exception {
        Map<String, String> env = embedded(data);
        env.put("TRUSTGATE_HOST", "127.0.0.1");
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            env.put("TRUSTGATE_PORT", Integer.toString(taken.getLocalPort()));
            assertThat(run(env, "serve")).isEqualTo(2);
        }
        assertThat(out()).doesNotContain("tg_");
        env.put("TRUSTGATE_PORT", "0");

        String key = banner(env).lines().map(String::trim).filter(l -> l.startsWith("tg_")).findFirst()
                .orElseThrow(() -> new AssertionError("the first start that listens prints the admin key"));
        try (TrustgateServer server = TrustgateServer.start(Config.load(env, Optional.empty()))) {
            assertThat(server.services().authenticate.authenticate(key)).hasValueSatisfying(c -> assertThat(c.admin()).isTrue());
        }
    }

    @Test
    void laterStartsSayThatAnAdminKeyExistsAndHowToReplaceIt(@TempDir Path data) {
        Map<String, String> env = embedded(data);
        env.put("TRUSTGATE_HOST", "127.0.0.1");
        env.put("TRUSTGATE_PORT", "0");
        assertThat(banner(env)).contains("tg_");

        assertThat(banner(env)).doesNotContain("tg_").contains("admin API key").contains("TRUSTGATE_ADMIN_KEY");
        env.put("TRUSTGATE_ADMIN_KEY", "tg_replacement_admin_key_0123456789");
        assertThat(banner(env)).doesNotContain("tg_replacement").contains("TRUSTGATE_ADMIN_KEY").contains("replace");
    }

    /** Starts the server once with {@code env}, as {@code serve} does, and returns the banner it printed. */
    private static String banner(Map<String, String> env) {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        Config config = Config.load(env, Optional.empty());
        try (TrustgateServer server = TrustgateServer.start(config)) {
            Banner.print(new PrintStream(printed, true, StandardCharsets.UTF_8), config, server);
        }
        return printed.toString(StandardCharsets.UTF_8);
    }

    @Test
    void anUnreachableDatabaseIsOneLineNamingItWithoutThePassword() {
        assertThat(run(Map.of("TRUSTGATE_DB_URL", "jdbc:postgresql://127.0.0.1:1/trustgate", "TRUSTGATE_DB_PASSWORD", "hunter2"),
                "migrate")).isEqualTo(2);
        assertThat(err().lines()).singleElement().satisfies(line -> assertThat(line)
                .contains("jdbc:postgresql://127.0.0.1:1/trustgate").doesNotContain("hunter2"));
    }

    @Test
    void anUnwritableDataDirectoryIsOneClearLine(@TempDir Path data) throws Exception {
        Path readOnly = data.resolve("read-only");
        java.nio.file.Files.createDirectories(readOnly);
        java.nio.file.Files.writeString(readOnly.resolve("data"), "a file where the data folder should be");

        assertThat(run(Map.of("TRUSTGATE_DB_URL", "jdbc:h2:file:" + readOnly.resolve("data/trustgate")), "migrate")).isEqualTo(2);
        assertThat(err().lines()).singleElement().satisfies(line -> assertThat(line).startsWith("trustgate: cannot connect to the database"));
    }

    @Test
    void apiKeysAreManagedAndTheAuditVerifiedFromTheCommandLine(@TempDir Path data) {
        Map<String, String> env = embedded(data);
        assertThat(run(env, "migrate")).isZero();

        assertThat(run(env, "api-key", "create", "--name", "crm", "--phone-number-id", "106540352242922")).isZero();
        String id = out().lines().filter(l -> l.startsWith("id:")).findFirst().orElseThrow().substring(4).trim();
        assertThat(out()).contains("key: tg_");
        assertThat(run(env, "api-key", "list")).isZero();
        assertThat(out()).contains(id, "active", "106540352242922").doesNotContain("tg_");
        assertThat(run(env, "api-key", "revoke", id)).isZero();
        assertThat(run(env, "api-key", "list")).isZero();
        assertThat(out()).contains("revoked");

        assertThat(run(env, "audit", "verify", "--phone-number-id", "106540352242922")).isZero();
        assertThat(out()).contains("valid: 0 events checked");
    }

    @Test
    void auditVerifySaysWhereAndHowAChainBreaks(@TempDir Path data) throws Exception {
        Map<String, String> env = embedded(data);
        DatabaseSettings settings = DatabaseSettings.of(env.get("TRUSTGATE_DB_URL"), null, null);
        ContactRef customer = new ContactRef(ContactKey.of("106540352242922", "ct_1"), ContactNames.of(new WaId("16505551234")));
        try (JdbiStorage storage = JdbiStorage.open(settings)) {
            storage.transactions.inTransaction(() -> storage.events.append(customer.business(), java.util.stream.IntStream.range(0, 4)
                    .<TrustEvent>mapToObj(i -> new TrustEvent.TrustRevoked(customer, Instant.parse("2026-01-01T00:00:00Z").plusSeconds(i),
                            new Actor("key_a"), TrustState.UNVERIFIED, "revoked " + i)).toList()));
        }
        assertThat(run(env, "audit", "verify", "--phone-number-id", "106540352242922")).isZero();
        assertThat(out()).contains("valid: 4 events checked");

        try (Connection db = DriverManager.getConnection(settings.url())) {
            db.createStatement().executeUpdate("DELETE FROM events WHERE sequence >= 3");
        }

        assertThat(run(env, "audit", "verify", "--phone-number-id", "106540352242922")).isEqualTo(1);
        assertThat(out()).contains("BROKEN at sequence 3: truncated").contains("the newest events, from this one on, were deleted")
                .contains("2 checked");
    }

    @Test
    void simulatePostsSignedWebhooksThatARunningServerApplies(@TempDir Path data) {
        Map<String, String> env = embedded(data);
        env.put("TRUSTGATE_HOST", "127.0.0.1");
        env.put("TRUSTGATE_PORT", "0");
        try (TrustgateServer server = TrustgateServer.start(Config.load(env, Optional.empty()))) {
            server.services().optIn.setIdentityChecks(new dev.trustgate.application.port.in.OptInToIdentityChecksUseCase.Command(
                    dev.trustgate.application.Caller.admin(new dev.trustgate.domain.Actor("admin")),
                    new dev.trustgate.domain.BusinessNumberId("106540352242922"), true));
            String url = "http://127.0.0.1:" + server.port();

            assertThat(run(env, "simulate", "message", "--to", "16505551234", "--hash", "DF2lS5v2W6x=", "--url", url)).isZero();
            assertThat(run(env, "simulate", "identity-change", "--to", "16505551234", "--hash", "Qm9vbXNoYWthbGFrYQ==",
                    "--url", url)).isZero();
            assertThat(out()).startsWith("HTTP 200");

            assertThat(server.services().getContact.get(new dev.trustgate.application.port.in.GetContactTrustUseCase.Query(
                    dev.trustgate.application.Caller.admin(new dev.trustgate.domain.Actor("admin")),
                    dev.trustgate.application.port.in.ContactSelector.of(new dev.trustgate.domain.BusinessNumberId("106540352242922"),
                            "16505551234"))).contact().state()).isEqualTo(TrustState.IDENTITY_CHANGED);
            assertThat(run(env, "simulate", "status", "--to", "16505551234", "--url", url)).as("status needs a hash").isEqualTo(2);
        }
    }

    @Test
    void simulateSimSwapPlaysTheMobileOperatorsNoticeOfASubscription(@TempDir Path data) throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        String adminKey = "tg_simulate_sim_swap_admin_key_0123456789";
        try (dev.trustgate.testkit.FakeCamara operator = new dev.trustgate.testkit.FakeCamara("trustgate", "client-secret", 3600)) {
            Map<String, String> env = embedded(data);
            env.put("TRUSTGATE_HOST", "127.0.0.1");
            env.put("TRUSTGATE_PORT", String.valueOf(port));
            env.put("TRUSTGATE_ADMIN_KEY", adminKey);
            env.put("CAMARA_API_ROOT", operator.url());
            env.put("CAMARA_TOKEN_URL", operator.tokenUrl());
            env.put("CAMARA_CLIENT_ID", "trustgate");
            env.put("CAMARA_CLIENT_SECRET", "client-secret");
            env.put("CAMARA_SINK_URL", "http://127.0.0.1:" + port + "/signals/camara/sim-swap");
            env.put("CAMARA_SINK_CREDENTIAL", "sink-credential-0123456789abcdefghijklmnop");
            try (TrustgateServer server = TrustgateServer.start(Config.load(env, Optional.empty()))) {
                String url = "http://127.0.0.1:" + server.port();
                assertThat(run(env, "simulate", "message", "--to", "16505551234", "--hash", "DF2lS5v2W6x=", "--url", url)).isZero();
                java.net.http.HttpResponse<String> subscribed = java.net.http.HttpClient.newHttpClient().send(
                        java.net.http.HttpRequest.newBuilder(java.net.URI.create(url + "/v1/businesses/106540352242922/sim-swap-subscriptions"))
                                .header("Authorization", "Bearer " + adminKey).POST(java.net.http.HttpRequest.BodyPublishers.noBody()).build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString());
                String subscription = operator.subscriptions().get(0).get("id").asText();
                assertThat(subscribed.statusCode()).isEqualTo(200);

                assertThat(run(env, "simulate", "sim-swap", "--to", "+1 650 555 1234", "--subscription-id", subscription, "--url", url))
                        .isZero();
                assertThat(out()).startsWith("HTTP 204");
                assertThat(run(env, "simulate", "sim-swap", "--to", "16505551234", "--url", url)).as("needs the subscription")
                        .isEqualTo(2);
                assertThat(run(env, "simulate", "sim-swap", "--to", "16505551234", "--subscription-id", "nobodys", "--url", url))
                        .isEqualTo(1);
                assertThat(out()).startsWith("HTTP 404");
            }
        }
    }

    @Test
    void simulatePlaysUsernameCustomersNumberChangesAndUserIdChanges(@TempDir Path data) {
        Map<String, String> env = embedded(data);
        env.put("TRUSTGATE_HOST", "127.0.0.1");
        env.put("TRUSTGATE_PORT", "0");
        try (TrustgateServer server = TrustgateServer.start(Config.load(env, Optional.empty()))) {
            dev.trustgate.application.Caller admin = dev.trustgate.application.Caller.admin(new dev.trustgate.domain.Actor("admin"));
            dev.trustgate.domain.BusinessNumberId business = new dev.trustgate.domain.BusinessNumberId("106540352242922");
            server.services().optIn.setIdentityChecks(new dev.trustgate.application.port.in.OptInToIdentityChecksUseCase.Command(
                    admin, business, true));
            String url = "http://127.0.0.1:" + server.port();
            java.util.function.Function<String, dev.trustgate.domain.ContactTrust> contact = name -> server.services().getContact
                    .get(new dev.trustgate.application.port.in.GetContactTrustUseCase.Query(admin,
                            dev.trustgate.application.port.in.ContactSelector.of(business, name))).contact();

            assertThat(run(env, "simulate", "message", "--to", "US.13491208655302741918", "--hash", "DF2lS5v2W6x=", "--url", url))
                    .isZero();
            assertThat(contact.apply("US.13491208655302741918").names().waId()).as("a username customer: no number").isEmpty();
            assertThat(run(env, "simulate", "user-id-change", "--to", "US.13491208655302741918", "--new-user-id",
                    "US.20871465530927713564", "--url", url)).isZero();
            assertThat(contact.apply("US.20871465530927713564").key()).isEqualTo(contact.apply("US.13491208655302741918").key());

            assertThat(run(env, "simulate", "message", "--to", "16505551234", "--hash", "DF2lS5v2W6x=", "--url", url)).isZero();
            assertThat(run(env, "simulate", "number-change", "--to", "16505551234", "--new-number", "12195555358", "--url", url))
                    .isZero();
            assertThat(contact.apply("16505551234").state()).as("the number left behind").isEqualTo(TrustState.IDENTITY_CHANGED);
            assertThat(contact.apply("12195555358").state()).isEqualTo(TrustState.UNVERIFIED);
            assertThat(run(env, "simulate", "number-change", "--to", "16505551234", "--url", url)).as("needs --new-number")
                    .isEqualTo(2);
        }
    }
}
