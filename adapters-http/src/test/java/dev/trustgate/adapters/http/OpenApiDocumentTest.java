package dev.trustgate.adapters.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The served OpenAPI document passes the checks of Redocly's recommended ruleset, written out here in Java (the rule
 * each test stands for is in its comment), and the copy kept in {@code docs/openapi.json}, which clients are generated
 * from, is the served one. {@code -Dopenapi.write=true} writes the served document there.
 */
class OpenApiDocumentTest {

    private static final Path KEPT = Path.of("..", "docs", "openapi.json");
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options", "trace");

    private static RunningServer server;
    private static JsonNode document;

    @BeforeAll
    static void serve() throws IOException {
        server = new RunningServer();
        document = JSON.readTree(server.get("/openapi.json", null).body());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** The served document, as kept in docs/openapi.json (pretty-printed, ending in a newline). */
    static String pretty(JsonNode document) throws IOException {
        return JSON.writeValueAsString(document) + "\n";
    }

    @Test
    void theDocumentKeptInDocsIsTheServedOne() throws IOException {
        String served = pretty(document);
        if (Boolean.getBoolean("openapi.write")) {
            Files.writeString(KEPT, served, StandardCharsets.UTF_8);
        }
        assertThat(Files.readString(KEPT, StandardCharsets.UTF_8))
                .as("docs/openapi.json is the served document: write it with "
                        + "mvn -B -pl adapters-http -am verify -Dtest=OpenApiDocumentTest -Dsurefire.failIfNoSpecifiedTests=false -Dopenapi.write=true")
                .isEqualTo(served);
    }

    /** struct (the parts a 3.0 document must have), info-license, info-license-url, no-empty-servers, no-server-trailing-slash. */
    @Test
    void theDocumentSaysWhatItIsWhoMayUseItAndWhereItIsServed() {
        assertThat(document.path("openapi").asText()).isEqualTo("3.0.3");
        assertThat(document.path("info").path("title").asText()).isNotBlank();
        assertThat(document.path("info").path("version").asText()).isNotBlank();
        assertThat(document.path("info").path("license").path("name").asText()).isNotBlank();
        assertThat(document.path("info").path("license").path("url").asText()).startsWith("https://");
        assertThat(document.path("servers")).isNotEmpty();
        for (JsonNode serverNode : document.path("servers")) {
            String url = serverNode.path("url").asText();
            assertThat(url.equals("/") || !url.endsWith("/")).as(url).isTrue();
            assertThat(url).doesNotContain("example.com");
        }
    }

    /** operation-operationId, operation-operationId-unique, operation-operationId-url-safe, operation-summary. */
    @Test
    void everyOperationHasItsOwnUrlSafeOperationIdAndASummary() {
        Set<String> ids = new HashSet<>();
        operations((path, method, operation) -> {
            String id = operation.path("operationId").asText();
            assertThat(id).as("%s %s operationId", method, path).matches("[A-Za-z0-9_.~-]+");
            assertThat(ids.add(id)).as("operationId %s is unique", id).isTrue();
            assertThat(operation.path("summary").asText()).as("%s %s summary", method, path).isNotBlank();
        });
    }

    /** operation-2xx-response, operation-4xx-response (every operation that takes credentials or a body may be refused). */
    @Test
    void everyOperationSaysHowItSucceedsAndHowItIsRefused() {
        operations((path, method, operation) -> {
            List<String> statuses = new ArrayList<>();
            operation.path("responses").fieldNames().forEachRemaining(statuses::add);
            assertThat(statuses).as("%s %s", method, path).anyMatch(s -> s.startsWith("2"));
            if (!operation.path("security").isEmpty() || operation.has("requestBody") || operation.has("parameters")) {
                assertThat(statuses).as("%s %s", method, path).anyMatch(s -> s.startsWith("4"));
            }
            operation.path("responses").forEach(response -> assertThat(response.path("description").asText()).isNotBlank());
        });
    }

    /** security-defined: every operation states its security, and every scheme it names is defined. */
    @Test
    void everyOperationStatesItsSecurityWithDefinedSchemes() {
        JsonNode schemes = document.path("components").path("securitySchemes");
        operations((path, method, operation) -> {
            assertThat(operation.has("security")).as("%s %s states its security", method, path).isTrue();
            for (JsonNode requirement : operation.path("security")) {
                requirement.fieldNames().forEachRemaining(name -> assertThat(schemes.has(name)).as(name).isTrue());
            }
        });
        assertThat(schemes.path("whatsAppSignature").path("name").asText()).isEqualTo("X-Hub-Signature-256");
        assertThat(schemes.path("apiKey").path("scheme").asText()).isEqualTo("bearer");
    }

    /** path-parameters-defined, operation-parameters-unique, path-declaration-must-exist, no-path-trailing-slash, path-not-include-query. */
    @Test
    void everyPathParameterIsDeclaredOnceAndEveryDeclaredOneIsInThePath() {
        Pattern template = Pattern.compile("\\{([^}]*)}");
        operations((path, method, operation) -> {
            assertThat(path).doesNotContain("?").doesNotContain("{}");
            assertThat(path.equals("/") || !path.endsWith("/")).as(path).isTrue();
            Set<String> inPath = new TreeSet<>();
            Matcher matcher = template.matcher(path);
            while (matcher.find()) {
                inPath.add(matcher.group(1));
            }
            List<String> declared = new ArrayList<>();
            for (JsonNode parameter : operation.path("parameters")) {
                if (parameter.path("in").asText().equals("path")) {
                    declared.add(parameter.path("name").asText());
                    assertThat(parameter.path("required").asBoolean()).isTrue();
                }
            }
            assertThat(declared).as("%s %s", method, path).doesNotHaveDuplicates();
            assertThat(new TreeSet<>(declared)).as("%s %s", method, path).isEqualTo(inPath);
        });
    }

    /** no-identical-paths: no two paths differ only in the names of their parameters. */
    @Test
    void noTwoPathsAreTheSameButForTheirParameterNames() {
        Set<String> shapes = new HashSet<>();
        document.path("paths").fieldNames().forEachRemaining(path ->
                assertThat(shapes.add(path.replaceAll("\\{[^}]*}", "{}"))).as(path).isTrue());
    }

    /** no-unresolved-refs, no-unused-components: every reference resolves, and every schema is referred to. */
    @Test
    void everyReferenceResolvesAndEverySchemaIsUsed() {
        JsonNode schemas = document.path("components").path("schemas");
        Set<String> referred = new TreeSet<>();
        refs(document.path("paths"), referred);
        // schemas referred to by schemas that are used
        List<String> queue = new ArrayList<>(referred);
        while (!queue.isEmpty()) {
            String name = queue.remove(0);
            assertThat(schemas.has(name)).as("#/components/schemas/%s resolves", name).isTrue();
            Set<String> more = new TreeSet<>();
            refs(schemas.path(name), more);
            for (String m : more) {
                if (referred.add(m)) {
                    queue.add(m);
                }
            }
        }
        Set<String> defined = new TreeSet<>();
        schemas.fieldNames().forEachRemaining(defined::add);
        assertThat(defined).as("schemas no operation uses").isEqualTo(referred);
    }

    /** no-enum-type-mismatch: an enum's values are of its type. */
    @Test
    void everyEnumValueIsOfItsSchemasType() {
        enums(document, (type, value) -> {
            if (type.equals("string")) {
                assertThat(value.isTextual()).as(value.toString()).isTrue();
            } else if (type.equals("integer")) {
                assertThat(value.isIntegralNumber()).as(value.toString()).isTrue();
            }
        });
    }

    /** Beyond the ruleset: every body it takes has an example, and every problem it may answer has one too. */
    @Test
    void everyBodyTakenAndEveryProblemAnsweredHasAnExample() {
        JsonNode schemas = document.path("components").path("schemas");
        operations((path, method, operation) -> {
            JsonNode body = operation.path("requestBody").path("content").path("application/json").path("schema");
            if (!body.isMissingNode()) {
                String name = body.path("$ref").asText().replace("#/components/schemas/", "");
                assertThat(schemas.path(name).has("example")).as("%s %s: %s has an example", method, path, name).isTrue();
            }
            operation.path("responses").forEach(response -> {
                JsonNode problem = response.path("content").path("application/problem+json");
                if (!problem.isMissingNode() && !path.startsWith("/webhooks/whatsapp")) {
                    assertThat(problem.has("example")).as("%s %s", method, path).isTrue();
                }
            });
        });
    }

    private interface OperationCheck {
        void check(String path, String method, JsonNode operation);
    }

    private static void operations(OperationCheck check) {
        assertThat(document.path("paths")).isNotEmpty();
        for (Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext(); ) {
                Map.Entry<String, JsonNode> op = ops.next();
                if (METHODS.contains(op.getKey())) {
                    check.check(path.getKey(), op.getKey(), op.getValue());
                }
            }
        }
    }

    private static void refs(JsonNode node, Set<String> into) {
        if (node.isObject()) {
            node.fields().forEachRemaining(field -> {
                if (field.getKey().equals("$ref")) {
                    into.add(field.getValue().asText().replace("#/components/schemas/", ""));
                } else {
                    refs(field.getValue(), into);
                }
            });
        } else if (node.isArray()) {
            node.forEach(item -> refs(item, into));
        }
    }

    private static void enums(JsonNode node, java.util.function.BiConsumer<String, JsonNode> check) {
        if (node.isObject()) {
            if (node.has("enum") && node.path("type").isTextual()) {
                node.path("enum").forEach(value -> check.accept(node.path("type").asText(), value));
            }
            node.forEach(child -> enums(child, check));
        } else if (node.isArray()) {
            node.forEach(child -> enums(child, check));
        }
    }
}
