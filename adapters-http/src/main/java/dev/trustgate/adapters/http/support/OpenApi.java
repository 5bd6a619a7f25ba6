package dev.trustgate.adapters.http.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The OpenAPI 3.1 document, generated from the route table so it lists every route that is served; a route that names
 * the schema it answers refers to it among {@code schemas}.
 */
public final class OpenApi {

    private static final Pattern PARAMETER = Pattern.compile("\\{([^}]+)}");

    private OpenApi() {
    }

    public static String document(List<Route> routes, Map<String, Object> schemas, ObjectMapper json) {
        Map<String, Object> paths = new LinkedHashMap<>();
        for (Route route : routes) {
            @SuppressWarnings("unchecked")
            Map<String, Object> item = (Map<String, Object>) paths.computeIfAbsent(route.path(), p -> new LinkedHashMap<>());
            Map<String, Object> operation = new LinkedHashMap<>();
            operation.put("summary", route.summary());
            List<Map<String, Object>> parameters = new ArrayList<>();
            Matcher matcher = PARAMETER.matcher(route.path());
            while (matcher.find()) {
                parameters.add(Map.of("name", matcher.group(1), "in", "path", "required", true, "schema", Map.of("type", "string")));
            }
            if (!parameters.isEmpty()) {
                operation.put("parameters", parameters);
            }
            scheme(route.access()).ifPresent(scheme -> operation.put("security", List.of(Map.of(scheme, List.of()))));
            operation.put("x-trustgate-access", route.access().name().toLowerCase(Locale.ROOT));
            Map<String, Object> responses = new LinkedHashMap<>();
            route.answers().ifPresent(schema -> {
                if (!schemas.containsKey(schema)) {
                    throw new IllegalArgumentException(route.method() + " " + route.path() + " answers an unknown schema " + schema);
                }
                responses.put("2XX", Map.of("description", "success", "content",
                        Map.of("application/json", Map.of("schema", JsonSchemas.ref(schema)))));
            });
            responses.put("default", Map.of("description",
                    graph(route.access()) ? "WhatsApp's answer, or a Graph-style error"
                            : "JSON; errors are application/problem+json with a stable code"));
            operation.put("responses", responses);
            item.put(route.method().toLowerCase(Locale.ROOT), operation);
        }
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("openapi", "3.1.0");
        document.put("info", Map.of("title", "trustgate", "version", "0.1.0",
                "description", "Blocks messages to WhatsApp customers whose identity changed until the business acknowledges it."));
        document.put("components", Map.of("securitySchemes", Map.of(
                "apiKey", Map.of("type", "http", "scheme", "bearer"),
                "metricsKey", Map.of("type", "http", "scheme", "bearer", "description", "TRUSTGATE_METRICS_KEY, when set"),
                "simSwapSinkCredential", Map.of("type", "http", "scheme", "bearer",
                        "description", "CAMARA_SINK_CREDENTIAL: the sink credential trustgate gives with its SIM-swap subscriptions"),
                "whatsAppSignature", Map.of("type", "apiKey", "in", "header", "name", "X-Hub-Signature-256",
                        "description", "sha256=<hex HMAC-SHA256 of the raw body, keyed with the app secret>"),
                "whatsAppVerifyToken", Map.of("type", "apiKey", "in", "query", "name", "hub.verify_token")),
                "schemas", schemas));
        document.put("paths", paths);
        try {
            return json.writeValueAsString(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The security scheme a route's access asks for; none for a public route. */
    private static Optional<String> scheme(Route.Access access) {
        return Optional.ofNullable(switch (access) {
            // OpenAPI has no scheme for a secret in the path: the route's summary says so
            case PUBLIC, PROVIDER_WEBHOOK_SECRET -> null;
            case WHATSAPP_VERIFY_TOKEN -> "whatsAppVerifyToken";
            case WHATSAPP_SIGNATURE -> "whatsAppSignature";
            case METRICS_KEY -> "metricsKey";
            case SIM_SWAP_SINK_CREDENTIAL -> "simSwapSinkCredential";
            case KEY, ADMIN, GRAPH, GRAPH_ADMIN -> "apiKey";
        });
    }

    private static boolean graph(Route.Access access) {
        return access == Route.Access.GRAPH || access == Route.Access.GRAPH_ADMIN;
    }
}
