package dev.trustgate.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trustgate.application.fakes.WhatsAppSamples;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The built jar with {@code TRUSTGATE_LOG_FORMAT=json} through the whole lifecycle, start to SIGTERM: every line it
 * writes is one JSON object a log platform can ingest, request lines carry the request id the client got back, and
 * phone numbers are masked exactly as in the text format.
 */
class JsonLogsIT {

    private static final Path LOGS = Path.of("target/it-logs/JsonLogsIT");
    private static final String PNID = Cluster.PNID;
    private static final String CUSTOMER = "16505551234";
    private static final String CONTACT = "/v1/businesses/" + PNID + "/contacts/" + CUSTOMER;
    private static final String NEW_HASH = "Qm9vbXNoYWthbGFrYQ==";

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();
    private final List<String> requestIds = new ArrayList<>();

    @Test
    void aWholeFlowLogsOneJsonObjectPerLineWithRequestIdsAndMaskedPhoneNumbers() throws Exception {
        String output;
        try (Cluster cluster = Cluster.onEmbeddedH2(LOGS, Map.of("TRUSTGATE_LOG_FORMAT", "json")).start()) {
            NodeProcess node = cluster.node(0);
            call(node, "PUT", "/v1/businesses/" + PNID + "/identity-checks", Cluster.ADMIN_KEY, "{\"enabled\":true}", 200);
            String key = json.readTree(call(node, "POST", "/v1/api-keys", Cluster.ADMIN_KEY,
                    "{\"name\":\"crm\",\"phoneNumberIds\":[\"" + PNID + "\"]}", 201)).get("key").asText();
            assertThat(node.webhook(WhatsAppSamples.text("inbound-text-with-identity-hash.json"))).isEqualTo(200);
            call(node, "POST", CONTACT + "/authentications", key, "{\"method\":\"branch\"}", 200);
            send(node, key, 200);
            assertThat(node.webhook(WhatsAppSamples.text("system-customer-identity-changed.json"))).isEqualTo(200);
            send(node, key, 409);
            String reauthentication = json.readTree(call(node, "POST", CONTACT + "/reauthentications", key, "{}", 201))
                    .get("id").asText();
            call(node, "POST", CONTACT + "/reauthentications/" + reauthentication + "/result", key,
                    "{\"outcome\":\"succeeded\",\"method\":\"branch_visit\"}", 200);
            call(node, "POST", CONTACT + "/acknowledgements", key, "{\"identityHash\":\"" + NEW_HASH + "\"}", 200);
            send(node, key, 200);
            call(node, "GET", "/v1/businesses/" + PNID + "/events", key, null, 200);
            node.stop();
            output = node.output();
        }

        List<String> lines = output.lines().filter(line -> !line.isBlank()).toList();
        List<JsonNode> events = new ArrayList<>();
        for (String line : lines) {
            JsonNode event = parse(line);
            assertThat(event.isObject()).as(line).isTrue();
            assertThat(event.path("level").asText()).as(line).isIn("TRACE", "DEBUG", "INFO", "WARN", "ERROR");
            assertThat(event.path("timestamp").isNumber()).as(line).isTrue();
            assertThat(event.path("loggerName").asText()).as(line).isNotBlank();
            assertThat(event.path("formattedMessage").isTextual()).as(line).isTrue();
            events.add(event);
        }
        assertThat(events).as("the banner, the requests and the stop").hasSizeGreaterThan(requestIds.size());
        assertThat(events).anySatisfy(e -> assertThat(e.get("formattedMessage").asText()).contains("trustgate is running on"));
        assertThat(events).anySatisfy(e -> assertThat(e.get("formattedMessage").asText()).startsWith("stopped in"));
        List<String> logged = events.stream().map(e -> e.path("mdc").path("requestId").asText(null))
                .filter(id -> id != null).toList();
        assertThat(logged).as("every request's line carries the id its client got back").containsAll(requestIds);
        assertThat(events).anySatisfy(e -> assertThat(e.get("formattedMessage").asText())
                .isEqualTo("POST /v1/businesses/***********2922/contacts/*******1234/acknowledgements 200 "
                        + e.get("formattedMessage").asText().replaceAll(".* ", "")));
        assertThat(output).doesNotContain(CUSTOMER).doesNotContain(Cluster.APP_SECRET)
                .doesNotContain(Cluster.ADMIN_KEY);
    }

    private void send(NodeProcess node, String key, int status) throws Exception {
        call(node, "POST", "/v1/messages", key, "{\"from\":\"" + PNID + "\",\"to\":\"" + CUSTOMER + "\","
                + "\"message\":{\"type\":\"text\",\"text\":{\"body\":\"Your statement is ready\"}}}", status);
    }

    private String call(NodeProcess node, String method, String path, String key, String body, int status) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(node.uri(path)).header("Authorization", "Bearer " + key)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isEqualTo(status);
        requestIds.add(response.headers().firstValue("X-Request-Id").orElseThrow());
        return response.body();
    }

    private JsonNode parse(String line) {
        try {
            return json.readTree(line);
        } catch (IOException e) {
            throw new AssertionError("not a JSON object: " + line, e);
        }
    }
}
