package dev.trustgate.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The database commands run beside a trustgate that holds the embedded H2 file (H2 lets one process open
 * it): they go through the running server's API with the admin key, or say in one line what to do.
 */
class CommandLineBesideAServerIT {

    private static final String ADMIN_KEY = "tg_beside_a_server_admin_key_0123456789";
    private static final String PNID = "106540352242922";

    @TempDir
    static Path work;
    private static NodeProcess server;
    private final Map<String, String> env = new HashMap<>();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeAll
    static void startAServerOnTheEmbeddedDatabase() {
        server = new NodeProcess("server", Map.of("TRUSTGATE_DB_URL", database(), "TRUSTGATE_ADMIN_KEY", ADMIN_KEY),
                work.resolve("logs")).start();
    }

    private static String database() {
        return "jdbc:h2:file:" + work.resolve("data/trustgate");
    }

    @BeforeEach
    void theServersOwnSettings() {
        // the commands run with the server's settings, as an operator on its machine would run them
        env.put("TRUSTGATE_DB_URL", database());
        env.put("TRUSTGATE_ADMIN_KEY", ADMIN_KEY);
        env.put("TRUSTGATE_PORT", Integer.toString(server.port()));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private int run(String... args) {
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

    @Test
    void keysAuditAndMigrateWorkThroughTheRunningServer() {
        assertThat(run("api-key", "create", "--name", "crm", "--phone-number-id", PNID)).as(err()).isZero();
        String id = out().lines().filter(l -> l.startsWith("id:")).findFirst().orElseThrow().substring(4).trim();
        String key = out().lines().filter(l -> l.startsWith("key:")).findFirst().orElseThrow().substring(5).trim().split(" ")[0];
        assertThat(server.call("GET", "/v1/businesses/" + PNID + "/audit/verify", key, null).status())
                .as("the key was created in the server's database").isEqualTo(200);

        assertThat(run("api-key", "list")).as(err()).isZero();
        assertThat(out()).contains(id, "crm", "active", PNID).doesNotContain("tg_");
        assertThat(run("api-key", "revoke", id)).as(err()).isZero();
        assertThat(run("api-key", "list")).isZero();
        assertThat(out()).contains(id, "revoked");
        assertThat(server.call("GET", "/v1/businesses/" + PNID + "/audit/verify", key, null).status()).isEqualTo(401);

        assertThat(run("audit", "verify", "--phone-number-id", PNID)).as(err()).isZero();
        assertThat(out()).contains("valid: 0 events checked");
        assertThat(err()).as("says where it went").contains("through the trustgate running at http://127.0.0.1:" + server.port());
        assertThat(run("migrate")).as(err()).isZero();
        assertThat(out()).contains("schema is up to date", "the trustgate running at http://127.0.0.1:" + server.port());
    }

    @Test
    void withoutTheAdminKeyACommandSaysInOneLineWhatToDo() {
        env.remove("TRUSTGATE_ADMIN_KEY");

        assertThat(run("api-key", "list")).isEqualTo(2);
        assertThat(err().lines()).singleElement().satisfies(line -> assertThat(line).startsWith("trustgate: ")
                .contains("in use by a running trustgate").contains("TRUSTGATE_ADMIN_KEY").contains("stop it"));
    }

    @Test
    void aServerThatDoesNotAnswerWhereConfiguredIsNamed() {
        env.put("TRUSTGATE_PORT", "1");

        assertThat(run("audit", "verify", "--phone-number-id", PNID)).isEqualTo(2);
        assertThat(err().lines()).singleElement().satisfies(line -> assertThat(line)
                .contains("no trustgate answers at http://127.0.0.1:1").contains("TRUSTGATE_PORT"));
    }

    @Test
    void aWrongAdminKeyIsNamed() {
        env.put("TRUSTGATE_ADMIN_KEY", "tg_not_the_admin_key_of_this_server_000");

        assertThat(run("api-key", "list")).isEqualTo(2);
        assertThat(err().lines()).singleElement().satisfies(line -> assertThat(line).contains("refused TRUSTGATE_ADMIN_KEY"));
    }

    @Test
    void aSecondServerOnTheSameFileSaysTheDatabaseIsInUse() {
        env.put("TRUSTGATE_PORT", "0");

        assertThat(run("serve")).isEqualTo(2);
        assertThat(err().lines()).singleElement().satisfies(line -> assertThat(line)
                .contains("another process has it open"));
    }
}
