package dev.trustgate.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trustgate.application.fakes.WhatsAppSamples;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operators' Grafana dashboard and Prometheus alerting rules in {@code docs/ops}: the rules pass {@code promtool check
 * rules} and their own {@code promtool test rules}, every dashboard query is valid PromQL, and every metric either one
 * names is one the running server exports after a lifecycle. promtool is Debian's {@code prometheus} package; without it
 * the promtool checks are skipped, unless {@code TRUSTGATE_PROMTOOL_TESTS=required} (set by {@code .ci/run}).
 */
class OperationsMonitoringTest {

    private static final Path OPS = Path.of("../docs/ops");
    private static final Path ALERTS = OPS.resolve("alerts.yml");
    private static final Path DASHBOARD = OPS.resolve("grafana-dashboard.json");
    /** Recorded by Prometheus itself for every target it scrapes. */
    private static final Set<String> PROMETHEUS_OWN = Set.of("up");
    private static final Set<String> PROMQL_WORDS = Set.of("and", "or", "unless", "bool", "offset", "by", "without", "on",
            "ignoring", "group_left", "group_right", "inf", "nan");
    private static final Pattern STRING = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"");
    private static final Pattern GROUPING = Pattern.compile("\\b(?:by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");
    private static final Pattern NAME = Pattern.compile("(?<![\\w.])([a-zA-Z_:][a-zA-Z0-9_:]*+)(?!\\s*\\()");
    private static final Pattern EXPR = Pattern.compile("^\\s*expr:\\s*(.+)$", Pattern.MULTILINE);

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void theAlertingRulesPassPromtoolsCheckAndTheirOwnTests() throws Exception {
        Path promtool = promtool();

        assertThat(run(OPS, promtool.toString(), "check", "rules", "alerts.yml")).contains("SUCCESS: 6 rules found");
        assertThat(run(OPS, promtool.toString(), "test", "rules", "alerts.test.yml")).contains("SUCCESS");
    }

    @Test
    void everyDashboardQueryIsValidPromql(@TempDir Path work) throws Exception {
        Path promtool = promtool();
        StringBuilder rules = new StringBuilder("groups:\n  - name: dashboard\n    rules:\n");
        List<String> queries = dashboardQueries();
        for (int i = 0; i < queries.size(); i++) {
            // Grafana's own variables become what Grafana puts there
            String query = queries.get(i).replace("$__rate_interval", "5m");
            rules.append("      - record: dashboard:query_").append(i).append('\n')
                    .append("        expr: ").append(json.writeValueAsString(query)).append('\n');
        }
        Files.writeString(work.resolve("dashboard.yml"), rules);

        assertThat(run(work, promtool.toString(), "check", "rules", "dashboard.yml"))
                .contains("SUCCESS: " + queries.size() + " rules found");
    }

    @Test
    void theDashboardShowsWhatOperatorsWatch() throws Exception {
        JsonNode dashboard = json.readTree(DASHBOARD.toFile());
        List<String> titles = new ArrayList<>();
        for (JsonNode panel : dashboard.get("panels")) {
            titles.add(panel.get("title").asText());
            if (!panel.get("type").asText().equals("row")) {
                assertThat(panel.get("datasource").get("uid").asText()).as(panel.get("title").asText()).isEqualTo("${datasource}");
                assertThat(panel.get("targets")).as(panel.get("title").asText()).isNotEmpty()
                        .allSatisfy(target -> assertThat(target.get("expr").asText()).isNotBlank());
            }
        }

        assertThat(titles).contains("Identity changes by source", "Blocks, acknowledgements, held messages",
                "Sends allowed / blocked / held", "Webhook latency p50 / p99", "Send latency p50 / p99", "Notification lag",
                "Connection pool saturation");
        assertThat(dashboard.get("templating").get("list").get(0).get("query").asText()).isEqualTo("prometheus");
    }

    @Test
    void everyMetricTheAlertsAndTheDashboardNameIsOneTheRunningServerExports(@TempDir Path data) throws Exception {
        Map<String, Set<String>> named = new LinkedHashMap<>();
        Matcher rule = EXPR.matcher(Files.readString(ALERTS));
        while (rule.find()) {
            named.put("alerts.yml: " + rule.group(1), metricNames(rule.group(1)));
        }
        for (String query : dashboardQueries()) {
            named.put("grafana-dashboard.json: " + query, metricNames(query));
        }
        assertThat(named).hasSizeGreaterThan(20).allSatisfy((where, names) -> assertThat(names).as(where).isNotEmpty());

        Set<String> exported = exportedAfterALifecycle(data);

        assertThat(exported).contains("trustgate_ready", "trustgate_identity_changes_total");
        named.forEach((where, names) -> assertThat(exported).as(where).containsAll(names.stream()
                .filter(name -> !PROMETHEUS_OWN.contains(name)).toList()));
    }

    @Test
    void metricNamesAreReadFromPromqlWithoutFunctionsLabelsOrKeywords() {
        assertThat(metricNames("histogram_quantile(0.99, sum by (le, kind) (rate(trustgate_delivery_lag_seconds_bucket"
                + "{route=~\"/\\\\{version\\\\}\"}[5m]))) > bool 1 and on (instance) up{job=\"trustgate\"} == 0"))
                .containsExactly("trustgate_delivery_lag_seconds_bucket", "up");
        assertThat(metricNames("sum(rate(trustgate_webhooks_total{outcome=~\"a|b\"}[$__rate_interval])) / "
                + "sum without (outcome) (rate(trustgate_webhooks_total[5m])) > 0.01"))
                .containsExactly("trustgate_webhooks_total");
    }

    /** The metrics a PromQL expression reads: names that are not functions, label names, keywords or numbers. */
    static Set<String> metricNames(String expression) {
        String bare = STRING.matcher(expression).replaceAll("\"\"");
        bare = bare.replaceAll("\\{[^}]*}", " ").replaceAll("\\[[^]]*]", " ");
        bare = GROUPING.matcher(bare).replaceAll(" ").replaceAll("\\$\\w+", " ");
        Set<String> names = new TreeSet<>();
        Matcher name = NAME.matcher(bare);
        while (name.find()) {
            if (!PROMQL_WORDS.contains(name.group(1).toLowerCase(java.util.Locale.ROOT))) {
                names.add(name.group(1));
            }
        }
        return names;
    }

    private List<String> dashboardQueries() throws IOException {
        List<String> queries = new ArrayList<>();
        for (JsonNode panel : json.readTree(DASHBOARD.toFile()).get("panels")) {
            for (JsonNode target : panel.path("targets")) {
                queries.add(target.get("expr").asText());
            }
        }
        return queries;
    }

    /** The names of every series the server's /metrics shows after a lifecycle with a notification delivered. */
    private static Set<String> exportedAfterALifecycle(Path data) {
        String pnid = "106540352242922";
        String contact = "/v1/businesses/" + pnid + "/contacts/16505551234";
        String admin = "tg_ops_monitoring_admin_key_0123456789";
        try (FakeGraph graph = new FakeGraph(); FakeCrm crm = new FakeCrm();
             LocalServer server = LocalServer.start(LocalServer.env("jdbc:h2:file:" + data.resolve("trustgate"), graph.url(), admin,
                     "ops-monitoring-secret"))) {
            String key = server.apiKey("crm", pnid);
            server.call("PUT", "/v1/businesses/" + pnid + "/identity-checks", admin, "{\"enabled\":true}");
            crm.useSecret(server.json(server.call("POST", "/v1/subscriptions", key, "{\"url\":\"" + crm.url() + "\"}"))
                    .get("secret").asText());
            server.webhook(WhatsAppSamples.bytes("inbound-text-with-identity-hash.json"));
            server.webhook(WhatsAppSamples.bytes("system-customer-identity-changed.json"));
            server.call("POST", "/v1/messages", key, "{\"from\":\"" + pnid + "\",\"to\":\"16505551234\","
                    + "\"message\":{\"type\":\"text\",\"text\":{\"body\":\"Your statement\"}}}");
            server.call("POST", contact + "/acknowledgements", key, "{\"identityHash\":\"Qm9vbXNoYWthbGFrYQ==\"}");
            await().atMost(Duration.ofSeconds(10)).until(() -> crm.received().size() >= 3);
            String scraped = await().atMost(Duration.ofSeconds(10)).until(() -> server.call("GET", "/metrics", null, null).body(),
                    body -> body.contains("trustgate_deliveries_total{"));
            Set<String> exported = new TreeSet<>();
            scraped.lines().filter(line -> !line.startsWith("#") && !line.isBlank())
                    .forEach(line -> exported.add(line.split("[{ ]", 2)[0]));
            return exported;
        }
    }

    /** Debian's promtool; the test is skipped without it, unless promtool tests are required. */
    private static Path promtool() {
        Optional<Path> promtool = Stream.of(System.getenv("PATH").split(java.io.File.pathSeparator))
                .map(dir -> Path.of(dir, "promtool")).filter(Files::isExecutable).findFirst();
        if (promtool.isEmpty() && "required".equals(System.getenv("TRUSTGATE_PROMTOOL_TESTS"))) {
            throw new IllegalStateException("promtool tests are required but promtool is missing: apt-get install -y prometheus");
        }
        Assumptions.assumeTrue(promtool.isPresent(), "promtool is not installed (apt-get install -y prometheus)");
        return promtool.get();
    }

    private static String run(Path dir, String... command) throws Exception {
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(String.join(" ", command) + ":\n" + output).isZero();
        return output;
    }
}
