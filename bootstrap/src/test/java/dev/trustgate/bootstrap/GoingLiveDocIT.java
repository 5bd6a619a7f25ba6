package dev.trustgate.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.trustgate.application.fakes.WhatsAppSamples;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/going-live.md, run as an operator runs it: the built jar live against a stand-in for the Graph API,
 * each command block of the page in order, WhatsApp's webhooks posted in between as Meta would post them,
 * and the page's nginx configuration in front of it.
 */
class GoingLiveDocIT {

    private static final String DOC = "docs/going-live.md";
    private static final String PNID = "106540352242922";
    private static final String CUSTOMER = "16505551234";
    private static final Pattern API_KEY = Pattern.compile("tg_[A-Za-z0-9_-]{20,}");

    private static Map<String, String> trustgate(FakeGraph graph) {
        return Map.of("WHATSAPP_ACCESS_TOKEN", "EAAG-going-live-token", "WHATSAPP_APP_SECRET", "going-live-app-secret",
                "WHATSAPP_VERIFY_TOKEN", "going-live-verify-token", "WHATSAPP_GRAPH_URL", graph.url(),
                "TRUSTGATE_ADMIN_KEY", "tg_going_live_admin_key_0123456789");
    }

    /** The variables of the page's step 2, for a trustgate at {@code node} that Meta reaches at {@code publicUrl}. */
    private static Map<String, String> shell(Map<String, String> trustgate, NodeProcess node, String publicUrl) {
        Map<String, String> env = new HashMap<>(trustgate);
        env.remove("WHATSAPP_GRAPH_URL");
        env.put("PUBLIC", publicUrl);
        env.put("TG", "http://127.0.0.1:" + node.port());
        env.put("ADMIN", trustgate.get("TRUSTGATE_ADMIN_KEY"));
        env.put("PNID", PNID);
        env.put("CUSTOMER", CUSTOMER);
        return env;
    }

    @Test
    void everyCommandOfThePageWorksAgainstALiveTrustgate(@TempDir Path work) {
        try (FakeGraph graph = new FakeGraph(); NodeProcess node = new NodeProcess("trustgate", trustgate(graph), work).start()) {
            await().atMost(Duration.ofSeconds(10)).until(() -> node.output().contains("WhatsApp:  live"));
            Map<String, String> env = shell(trustgate(graph), node, "http://127.0.0.1:" + node.port());

            assertTheCheckPasses(MarkdownScript.of(DOC, "going-live-check").run(work, env));

            MarkdownScript.Run optIn = MarkdownScript.of(DOC, "going-live-opt-in").run(work, env);
            assertThat(optIn.output()).as(optIn.output()).contains("{\"success\":true}");
            assertThat(graph.settings()).as("opting in set the identity check at WhatsApp")
                    .singleElement().satisfies(s -> assertThat(s).startsWith(PNID).contains("\"enable_identity_key_check\":true"));
            Matcher key = API_KEY.matcher(optIn.output());
            assertThat(key.find()).as(optIn.output()).isTrue();
            env.put("KEY", key.group());

            assertThat(node.webhook(WhatsAppSamples.text("inbound-text-with-identity-hash.json"))).as("the customer writes").isEqualTo(200);
            MarkdownScript.Run first = MarkdownScript.of(DOC, "going-live-first-customer").run(work, env);
            assertThat(first.output()).as(first.output()).contains("\"state\":\"UNVERIFIED\"", "\"sendAllowed\":true",
                    "\"pinnedHash\":\"DF2lS5v2W6x=\"", "\"messages\":[{\"id\":\"wamid.fake1\"}]");
            assertThat(graph.forwarded()).singleElement().satisfies(sent -> {
                assertThat(sent.to()).isEqualTo(CUSTOMER);
                assertThat(sent.pin()).as("pinned to the identity WhatsApp reported").contains("DF2lS5v2W6x=");
                assertThat(sent.authorization()).as("sent with the system user token").isEqualTo("Bearer EAAG-going-live-token");
            });

            assertThat(node.webhook(WhatsAppSamples.text("system-customer-identity-changed.json"))).as("the identity changes")
                    .isEqualTo(200);
            MarkdownScript.Run blocked = MarkdownScript.of(DOC, "going-live-blocked").run(work, env);
            assertThat(blocked.output()).as(blocked.output()).contains("\"code\":137000");
            assertThat(graph.forwarded()).as("nothing more reached WhatsApp").hasSize(1);
        }
    }

    @Test
    void theWebhookGoesThroughThePagesNginxAndNothingElseDoes(@TempDir Path work) throws Exception {
        Optional<Path> nginx = Stream.of("/usr/sbin/nginx", "/usr/bin/nginx").map(Path::of).filter(Files::isExecutable).findFirst();
        if (nginx.isEmpty() && "required".equals(System.getenv("TRUSTGATE_PROXY_TESTS"))) {
            throw new IllegalStateException("proxy tests are required but nginx is missing: apt-get install -y nginx-light");
        }
        Assumptions.assumeTrue(nginx.isPresent(), "nginx is not installed (apt-get install -y nginx-light)");
        try (FakeGraph graph = new FakeGraph(); NodeProcess node = new NodeProcess("trustgate", trustgate(graph), work).start()) {
            Path certificate = work.resolve("cert.pem");
            Path key = work.resolve("key.pem");
            run(work, "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=localhost",
                    "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost", "-keyout", key.toString(), "-out", certificate.toString());
            int port = freePort();
            Files.createDirectories(work.resolve("nginx"));
            Files.writeString(work.resolve("nginx/nginx.conf"), "user root;\nworker_processes 1;\npid " + work.resolve("nginx/nginx.pid")
                    + ";\nerror_log " + work.resolve("nginx/error.log") + ";\nevents {}\nhttp {\n  access_log off;\n"
                    + "  client_body_temp_path " + work.resolve("nginx/body") + ";\n  proxy_temp_path " + work.resolve("nginx/proxy") + ";\n"
                    + serverBlock(port, certificate, key, node.port()) + "}\n");
            Process proxy = new ProcessBuilder(nginx.get().toString(), "-p", work.resolve("nginx").toString(), "-c",
                    work.resolve("nginx/nginx.conf").toString(), "-g", "daemon off;").redirectErrorStream(true)
                    .redirectOutput(work.resolve("nginx/stdout.log").toFile()).start();
            try {
                await().atMost(Duration.ofSeconds(20)).until(() -> {
                    if (!proxy.isAlive()) {
                        throw new IllegalStateException("nginx exited: " + Files.readString(work.resolve("nginx/stdout.log")));
                    }
                    return accepts(port);
                });
                String publicUrl = "https://127.0.0.1:" + port;
                Map<String, String> env = shell(trustgate(graph), node, publicUrl);
                env.put("CURL_CA_BUNDLE", certificate.toString());

                assertTheCheckPasses(MarkdownScript.of(DOC, "going-live-check").run(work, env));
                String outside = run(work, "curl", "-sS", "--cacert", certificate.toString(), "-o", "/dev/null", "-w", "%{http_code}",
                        publicUrl + "/health/live");
                assertThat(outside).as("nothing but the webhook is public").isEqualTo("404");
            } finally {
                proxy.destroy();
                proxy.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    private static void assertTheCheckPasses(MarkdownScript.Run check) {
        assertThat(check.output().lines().toList()).as(check.output()).containsSubsequence("1158201444", "401")
                .anySatisfy(line -> assertThat(line).startsWith("{").contains("\"received\":true"));
    }

    /** The page's nginx server, made to listen on {@code port} with a test certificate and to reach trustgate on {@code upstream}. */
    private static String serverBlock(int port, Path certificate, Path key, int upstream) {
        String block = MarkdownScript.of(DOC, "going-live-nginx").text();
        String[][] substitutions = {
                {"listen 443 ssl;", "listen 127.0.0.1:" + port + " ssl;"},
                {"/etc/letsencrypt/live/trustgate.example.com/fullchain.pem", certificate.toString()},
                {"/etc/letsencrypt/live/trustgate.example.com/privkey.pem", key.toString()},
                {"proxy_pass http://127.0.0.1:8080;", "proxy_pass http://127.0.0.1:" + upstream + ";"}};
        for (String[] substitution : substitutions) {
            assertThat(block).as("the page's nginx block still has " + substitution[0]).contains(substitution[0]);
            block = block.replace(substitution[0], substitution[1]);
        }
        return block;
    }

    private static String run(Path work, String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes()).trim();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(String.join(" ", command) + ": " + output).isZero();
        return output;
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
