package dev.trustgate.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.trustgate.application.fakes.WhatsAppSamples;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What an operator's Prometheus scrapes from the assembled server after a whole lifecycle, over a real socket: the
 * domain's counts (identity changes by source, sends by decision and reason, webhooks by outcome, deliveries
 * delivered / retried / parked, held messages, contacts by state, relay lag), latency histograms with buckets, and the
 * JVM, process, connection-pool and Jetty binders. Never a phone number.
 */
class MetricsEndToEndTest {

    private static final String PNID = "106540352242922";
    private static final String CUSTOMER = "16505551234";
    private static final String CONTACT = "/v1/businesses/" + PNID + "/contacts/" + CUSTOMER;
    private static final String ADMIN_KEY = "tg_metrics_admin_key_0123456789";
    private static final String SECRET = "metrics-app-secret";
    private static final String NEW = "Qm9vbXNoYWthbGFrYQ==";

    private final FakeGraph graph = new FakeGraph();
    private final FakeCrm crm = new FakeCrm();
    private final FakeCrm goneCrm = new FakeCrm();
    private final FakeWhatsAppApp app = new FakeWhatsAppApp(SECRET);
    private LocalServer server;
    private String key;

    @BeforeEach
    void start(@TempDir Path data) {
        Map<String, String> env = LocalServer.env("jdbc:h2:file:" + data.resolve("trustgate"), graph.url(), ADMIN_KEY, SECRET);
        env.put("TRUSTGATE_RELAY_URL", app.url("/whatsapp"));
        server = LocalServer.start(env);
        key = server.apiKey("crm", PNID);
    }

    @AfterEach
    void stop() {
        server.close();
        graph.close();
        crm.close();
        goneCrm.close();
        app.close();
    }

    @Test
    void aLifecycleShowsInTheDomainCountsHistogramsAndBinders() throws Exception {
        call("PUT", "/v1/businesses/" + PNID + "/identity-checks", ADMIN_KEY, "{\"enabled\":true}", 200);
        crm.useSecret(server.json(server.call("POST", "/v1/subscriptions", key, "{\"url\":\"" + crm.url() + "\"}")).get("secret").asText());
        crm.setDown(true);
        goneCrm.setGone(true);
        call("POST", "/v1/subscriptions", key, "{\"url\":\"" + goneCrm.url() + "\",\"eventTypes\":[\"identity.baseline\"]}", 201);
        webhook("inbound-text-with-identity-hash.json");
        send(false, "reject", 200);
        webhook("system-customer-identity-changed.json");
        send(false, "reject", 409);
        send(false, "hold", 202);
        assertThat(server.call("POST", "/webhooks/whatsapp", null, "{\"object\":\"whatsapp_business_account\"}").statusCode())
                .as("unsigned").isEqualTo(401);
        call("POST", CONTACT + "/acknowledgements", key, "{\"identityHash\":\"" + NEW + "\"}", 200);
        send(false, "reject", 200);
        await().atMost(Duration.ofSeconds(10)).until(() -> !app.received().isEmpty() && crmRetried());
        crm.setDown(false);

        // first attempts at once, the retry after 5 s
        await().atMost(Duration.ofSeconds(30)).until(() -> crm.received().size() >= 5);
        // stored counts (held messages, contacts by state) are read from the database at most every 15 s
        String scraped = await().atMost(Duration.ofSeconds(30)).until(this::scrape,
                s -> value(s, "trustgate_deliveries_total", "kind=\"notification\",outcome=\"delivered\"").orElse(0) >= 5
                        && value(s, "trustgate_held_messages", "").orElse(0) >= 1);

        assertThat(value(scraped, "trustgate_identity_changes_total", "source=\"whatsapp_system\"")).hasValue(1);
        assertThat(value(scraped, "trustgate_events_total", "type=\"identity.baseline\"")).hasValue(1);
        assertThat(value(scraped, "trustgate_events_total", "type=\"trust.broken\"")).hasValue(1);
        assertThat(value(scraped, "trustgate_events_total", "type=\"message.blocked\"")).hasValue(1);
        assertThat(value(scraped, "trustgate_events_total", "type=\"message.held\"")).hasValue(1);
        assertThat(value(scraped, "trustgate_events_total", "type=\"identity.acknowledged\"")).hasValue(1);
        assertThat(value(scraped, "trustgate_sends_total", "outcome=\"allowed\",reason=\"none\"")).hasValue(2);
        assertThat(value(scraped, "trustgate_sends_total", "outcome=\"blocked\",reason=\"identity_change_unacknowledged\""))
                .hasValue(1);
        assertThat(value(scraped, "trustgate_sends_total", "outcome=\"held\",reason=\"identity_change_unacknowledged\"")).hasValue(1);
        assertThat(value(scraped, "trustgate_webhooks_total", "outcome=\"accepted\"")).hasValue(2);
        assertThat(value(scraped, "trustgate_webhooks_total", "outcome=\"invalid_signature\"")).hasValue(1);
        assertThat(value(scraped, "trustgate_deliveries_total", "kind=\"notification\",outcome=\"retried\"").orElse(0))
                .isGreaterThanOrEqualTo(1);
        assertThat(value(scraped, "trustgate_deliveries_total", "kind=\"notification\",outcome=\"parked\"")).hasValue(1);
        assertThat(value(scraped, "trustgate_deliveries_total", "kind=\"relay\",outcome=\"delivered\"")).hasValue(2);
        assertThat(value(scraped, "trustgate_delivery_lag_seconds_count", "kind=\"relay\"")).hasValue(2);
        assertThat(scraped).contains("trustgate_delivery_lag_seconds_bucket{kind=\"relay\",le=\"1.0\"}");
        assertThat(value(scraped, "trustgate_held_messages", "")).hasValue(1);
        assertThat(value(scraped, "trustgate_contacts", "state=\"ACKNOWLEDGED\"")).hasValue(1);
        assertThat(value(scraped, "trustgate_contacts", "state=\"IDENTITY_CHANGED\"")).hasValue(0);
        assertThat(value(scraped, "trustgate_outbox_parked", "")).hasValue(1);
        assertThat(value(scraped, "trustgate_ready", "")).hasValue(1);
        assertThat(value(scraped, "trustgate_whatsapp_circuit_open", "")).hasValue(0);

        assertThat(scraped).contains("trustgate_http_requests_seconds_bucket{method=\"POST\",route=\"/webhooks/whatsapp\","
                + "status=\"200\",le=\"0.05\"}", "trustgate_http_requests_seconds_bucket{method=\"POST\",route=\"/v1/messages\","
                + "status=\"200\",le=\"0.25\"}");
        assertThat(scraped).contains("hikaricp_connections_active{pool=\"trustgate\"}", "hikaricp_connections_max{pool=\"trustgate\"}",
                "hikaricp_connections_pending{pool=\"trustgate\"}", "hikaricp_connections_acquire_seconds_count{pool=\"trustgate\"}");
        assertThat(scraped).contains("jvm_memory_used_bytes{", "jvm_gc_memory_allocated_bytes_total", "jvm_threads_live_threads",
                "jvm_classes_loaded_classes", "system_cpu_count", "process_cpu_usage", "process_uptime_seconds",
                "process_files_open_files");
        assertThat(scraped).contains("jetty_threads_busy", "jetty_threads_current", "jetty_threads_config_max",
                "jetty_connections_max_connections{");
        assertThat(value(scraped, "jetty_connections_current_connections", "connector_name=\"unnamed\"").orElse(0))
                .as("this scrape's own connection").isGreaterThanOrEqualTo(1);
        assertThat(scraped).doesNotContain(CUSTOMER).doesNotContain(PNID);
    }

    @Test
    void theCircuitInFrontOfWhatsAppShowsWhenItOpens() {
        call("PUT", "/v1/businesses/" + PNID + "/identity-checks", ADMIN_KEY, "{\"enabled\":true}", 200);
        graph.failWith(503);

        for (int i = 0; i < 5; i++) {
            send(false, "reject", 502);
        }

        String scraped = scrape();
        assertThat(value(scraped, "trustgate_whatsapp_circuit_open", "")).hasValue(1);
        assertThat(value(scraped, "trustgate_sends_total", "outcome=\"upstream_refused\",reason=\"whatsapp\"")).hasValue(5);
    }

    @Test
    void readinessShowsAsAGaugeAndTheMetricsKeyProtectsTheScrape(@TempDir Path other) throws Exception {
        Map<String, String> env = LocalServer.env("jdbc:h2:file:" + other.resolve("trustgate"), graph.url(), ADMIN_KEY, SECRET);
        env.put("TRUSTGATE_METRICS_KEY", "metrics-key-0123456789");
        try (LocalServer protectedServer = LocalServer.start(env)) {
            HttpClient http = HttpClient.newHttpClient();
            HttpRequest.Builder scrape = HttpRequest.newBuilder(URI.create(protectedServer.url("/metrics")));
            assertThat(http.send(scrape.build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
            HttpResponse<String> scraped = http.send(scrape.header("Authorization", "Bearer metrics-key-0123456789").build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(scraped.statusCode()).isEqualTo(200);
            assertThat(value(scraped.body(), "trustgate_ready", "")).hasValue(1);
        }
    }

    private boolean crmRetried() {
        return value(scrape(), "trustgate_deliveries_total", "kind=\"notification\",outcome=\"retried\"").orElse(0) >= 1;
    }

    private void webhook(String sample) {
        assertThat(server.webhook(WhatsAppSamples.bytes(sample)).statusCode()).isEqualTo(200);
    }

    private void send(boolean sensitive, String onBlocked, int status) {
        call("POST", "/v1/messages", key, "{\"from\":\"" + PNID + "\",\"to\":\"" + CUSTOMER + "\",\"sensitive\":" + sensitive
                + ",\"onBlocked\":\"" + onBlocked + "\",\"message\":{\"type\":\"text\",\"text\":{\"body\":\"Your statement\"}}}", status);
    }

    private void call(String method, String path, String apiKey, String body, int status) {
        HttpResponse<String> response = server.call(method, path, apiKey, body);
        assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isEqualTo(status);
    }

    private String scrape() {
        HttpResponse<String> response = server.call("GET", "/metrics", null, null);
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    /** The value of one series ({@code labels} as Prometheus writes them, in order; empty for none). */
    static OptionalDouble value(String scraped, String name, String labels) {
        Matcher matcher = Pattern.compile("^" + Pattern.quote(name + (labels.isEmpty() ? "" : "{" + labels + "}")) + " (\\S+)$",
                Pattern.MULTILINE).matcher(scraped);
        return matcher.find() ? OptionalDouble.of(Double.parseDouble(matcher.group(1))) : OptionalDouble.empty();
    }
}
