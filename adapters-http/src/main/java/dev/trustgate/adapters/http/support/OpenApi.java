package dev.trustgate.adapters.http.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trustgate.application.ErrorCode;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The OpenAPI document, generated from the route table so it lists every route that is served with what each takes
 * and answers ({@link Route.Contract}), and the problem documents it may refuse with: the error codes a route's access
 * and body bring, and those it declares. It is OpenAPI 3.0.3 rather than 3.1: the request/response validator the tests
 * hold every exchange to, and most client generators, read 3.0 fully and 3.1 only in part.
 */
public final class OpenApi {

    public static final String VERSION = "3.0.3";
    /** The problem document every error of trustgate's own API is. */
    public static final String PROBLEM = "Problem";
    /** The Graph API's error object, which the drop-in Cloud API answers instead. */
    public static final String GRAPH_ERROR = "GraphError";
    public static final String HEALTH = "Health";
    public static final String TEXT = "Text";
    public static final String DOCUMENT = "OpenApiDocument";
    public static final String WHATSAPP_WEBHOOK = "WhatsAppWebhook";
    public static final String PROVIDER_WEBHOOK = "ProviderWebhook";
    public static final String WEBHOOK_RECEIPT = "WebhookReceipt";
    public static final String SIM_SWAP_NOTICE = "SimSwapNotice";
    public static final String GRAPH_MESSAGE = "GraphMessage";
    public static final String GRAPH_SEND_RESULT = "GraphSendResult";
    public static final String GRAPH_SETTINGS = "GraphSettings";
    public static final String GRAPH_SUCCESS = "GraphSuccess";

    private static final Pattern PARAMETER = Pattern.compile("\\{([^}]+)}");

    private OpenApi() {
    }

    public static String document(List<Route> routes, Map<String, Object> schemas, ObjectMapper json) {
        try {
            return json.writeValueAsString(tree(routes, schemas));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The document as maps and lists, ready to be written as JSON. */
    public static Map<String, Object> tree(List<Route> routes, Map<String, Object> schemas) {
        Map<String, Object> components = new LinkedHashMap<>(schemas);
        components.putAll(common());
        Map<String, Object> paths = new LinkedHashMap<>();
        for (Route route : routes) {
            @SuppressWarnings("unchecked")
            Map<String, Object> item = (Map<String, Object>) paths.computeIfAbsent(route.path(), p -> new LinkedHashMap<>());
            item.put(route.method().toLowerCase(Locale.ROOT), operation(route, components));
        }
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("openapi", VERSION);
        document.put("info", Map.of("title", "trustgate", "version", "0.1.0",
                "description", "Blocks messages to WhatsApp customers whose identity changed until the business acknowledges it. "
                        + "Errors of trustgate's own API are RFC 9457 problem documents (application/problem+json) whose "
                        + "`code` is stable; the drop-in Cloud API answers Graph-style errors instead.",
                "license", Map.of("name", "Apache-2.0", "url", "https://www.apache.org/licenses/LICENSE-2.0")));
        document.put("servers", List.of(Map.of("url", "/", "description", "the trustgate serving this document")));
        document.put("paths", paths);
        document.put("components", Map.of("securitySchemes", securitySchemes(), "schemas", used(paths, components)));
        @SuppressWarnings("unchecked")
        Map<String, Object> stable = (Map<String, Object>) stable(document);
        return stable;
    }

    /** The schemas {@code paths} refer to, and those they refer to in turn, in the registry's order. */
    private static Map<String, Object> used(Map<String, Object> paths, Map<String, Object> schemas) {
        Set<String> referred = new LinkedHashSet<>();
        List<Object> pending = new ArrayList<>(List.of(paths));
        while (!pending.isEmpty()) {
            Object node = pending.remove(pending.size() - 1);
            if (node instanceof Map<?, ?> map) {
                map.forEach((key, value) -> {
                    if ("$ref".equals(key)) {
                        String name = ((String) value).substring("#/components/schemas/".length());
                        if (referred.add(name)) {
                            pending.add(schemas.get(name));
                        }
                    } else {
                        pending.add(value);
                    }
                });
            } else if (node instanceof List<?> list) {
                pending.addAll(list);
            }
        }
        Map<String, Object> used = new LinkedHashMap<>();
        schemas.forEach((name, schema) -> {
            if (referred.contains(name)) {
                used.put(name, schema);
            }
        });
        return used;
    }

    /**
     * The same tree with every map whose order is not its own ({@code Map.of}'s changes from one JVM to the next)
     * sorted by key, so the document reads the same on every start and can be kept beside the code.
     */
    private static Object stable(Object node) {
        if (node instanceof Map<?, ?> map) {
            Map<String, Object> copy = map instanceof LinkedHashMap<?, ?> ? new LinkedHashMap<>() : new TreeMap<>();
            map.forEach((key, value) -> copy.put((String) key, stable(value)));
            return copy;
        }
        if (node instanceof List<?> list) {
            return list.stream().map(OpenApi::stable).toList();
        }
        return node;
    }

    private static Map<String, Object> operation(Route route, Map<String, Object> schemas) {
        Route.Contract contract = route.contract();
        String where = route.method() + " " + route.path();
        Map<String, Object> operation = new LinkedHashMap<>();
        operation.put("operationId", contract.operationId().orElseThrow(() -> new IllegalArgumentException(where + " has no operationId")));
        operation.put("summary", route.summary());
        operation.put("description", route.summary() + ". Access: " + access(route.access()));
        List<Map<String, Object>> parameters = new ArrayList<>();
        Matcher matcher = PARAMETER.matcher(route.path());
        while (matcher.find()) {
            parameters.add(Map.of("name", matcher.group(1), "in", "path", "required", true, "description", parameter(matcher.group(1)),
                    "schema", Map.of("type", "string")));
        }
        if (!parameters.isEmpty()) {
            operation.put("parameters", parameters);
        }
        contract.request().ifPresent(schema -> {
            known(schemas, schema, where);
            Map<String, Object> content = new LinkedHashMap<>();
            contract.requestMediaTypes().forEach(mediaType -> content.put(mediaType, Map.of("schema", JsonSchemas.ref(schema))));
            operation.put("requestBody", Map.of("required", true, "content", content));
        });
        // the metrics key is asked for only when one is configured: the empty requirement says "or none"
        // (a route without a scheme says so with an empty list: public, or a provider's secret path)
        operation.put("security", scheme(route.access()).map(scheme -> route.access() == Route.Access.METRICS_KEY
                ? List.of(Map.of(scheme, List.of()), Map.of()) : List.of(Map.of(scheme, List.of()))).orElse(List.of()));
        operation.put("x-trustgate-access", route.access().name().toLowerCase(Locale.ROOT));
        Map<String, Object> responses = new TreeMap<>();
        if (contract.answers().isEmpty()) {
            throw new IllegalArgumentException(where + " names no answer");
        }
        contract.answers().forEach((status, answer) -> {
            Map<String, Object> response = new LinkedHashMap<>();
            response.put("description", status < 300 ? "success" : "answered");
            answer.schema().ifPresent(schema -> {
                known(schemas, schema, where);
                response.put("content", Map.of(answer.mediaType().orElseThrow(), Map.of("schema", JsonSchemas.ref(schema))));
            });
            responses.put(status == Route.ANY_OTHER_STATUS ? "default" : String.valueOf(status), response);
        });
        refusals(route).forEach((status, codes) -> responses.putIfAbsent(String.valueOf(status), graph(route.access())
                ? Map.of("description", "a Graph-style error: " + String.join(", ", codes),
                        "content", Map.of("application/json", Map.of("schema", JsonSchemas.ref(GRAPH_ERROR))))
                : problem(status, codes)));
        operation.put("responses", responses);
        return operation;
    }

    /** Each status the route may refuse with, and the codes its problem documents then carry. */
    static Map<Integer, Set<String>> refusals(Route route) {
        Set<ErrorCode> codes = EnumSet.noneOf(ErrorCode.class);
        codes.addAll(route.contract().refusals());
        boolean internal = true;
        switch (route.access()) {
            case PUBLIC -> internal = false;
            case WHATSAPP_VERIFY_TOKEN -> codes.addAll(List.of(ErrorCode.FORBIDDEN, ErrorCode.INVALID_REQUEST));
            case WHATSAPP_SIGNATURE, PROVIDER_WEBHOOK_SECRET -> codes.addAll(List.of(ErrorCode.UNAUTHORIZED, ErrorCode.PAYLOAD_TOO_LARGE,
                    ErrorCode.INVALID_REQUEST, ErrorCode.STORAGE_UNAVAILABLE));
            case METRICS_KEY -> codes.add(ErrorCode.UNAUTHORIZED);
            case SIM_SWAP_SINK_CREDENTIAL -> codes.addAll(List.of(ErrorCode.UNAUTHORIZED, ErrorCode.PAYLOAD_TOO_LARGE,
                    ErrorCode.INVALID_REQUEST, ErrorCode.STORAGE_UNAVAILABLE));
            case KEY, ADMIN, GRAPH, GRAPH_ADMIN -> {
                codes.addAll(List.of(ErrorCode.UNAUTHORIZED, ErrorCode.INVALID_REQUEST, ErrorCode.STORAGE_UNAVAILABLE));
                if (route.access() == Route.Access.ADMIN || route.access() == Route.Access.GRAPH_ADMIN) {
                    codes.add(ErrorCode.FORBIDDEN);
                }
                if (route.businessScoped()) {
                    codes.add(ErrorCode.NOT_FOUND);
                }
            }
        }
        if (route.contract().request().isPresent()) {
            codes.addAll(List.of(ErrorCode.INVALID_REQUEST, ErrorCode.PAYLOAD_TOO_LARGE));
        }
        Map<Integer, Set<String>> byStatus = new TreeMap<>();
        for (ErrorCode code : codes) {
            byStatus.computeIfAbsent(Problems.status(code), s -> new LinkedHashSet<>()).add(code.code());
        }
        if (internal) {
            byStatus.computeIfAbsent(500, s -> new LinkedHashSet<>()).add("internal_error");
        }
        return byStatus;
    }

    private static Map<String, Object> problem(int status, Set<String> codes) {
        String code = codes.iterator().next();
        Map<String, Object> example = new LinkedHashMap<>();
        example.put("type", "https://trustgate.dev/problems/" + code);
        example.put("title", Character.toUpperCase(code.charAt(0)) + code.substring(1).replace('_', ' '));
        example.put("status", status);
        example.put("code", code);
        example.put("detail", "what went wrong, in words");
        return Map.of("description", "a problem document; code: " + String.join(", ", codes),
                "content", Map.of("application/problem+json", Map.of("schema", JsonSchemas.ref(PROBLEM), "example", example)));
    }

    private static void known(Map<String, Object> schemas, String schema, String where) {
        if (!schemas.containsKey(schema)) {
            throw new IllegalArgumentException(where + " names an unknown schema " + schema);
        }
    }

    /** The schemas every part of the API shares: problems, Graph errors. */
    private static Map<String, Object> common() {
        Map<String, Object> schemas = new LinkedHashMap<>();
        List<String> codes = new ArrayList<>();
        for (ErrorCode code : ErrorCode.values()) {
            codes.add(code.code());
        }
        codes.addAll(List.of("internal_error", "method_not_allowed"));
        Map<String, Object> problemProperties = new LinkedHashMap<>();
        problemProperties.put("type", Map.of("type", "string", "description", "a URI naming the kind of problem"));
        problemProperties.put("title", Map.of("type", "string"));
        problemProperties.put("status", Map.of("type", "integer"));
        problemProperties.put("code", Map.of("type", "string", "enum", codes, "description", "stable: what a program acts on"));
        problemProperties.put("detail", Map.of("type", "string", "description", "for a person; may change"));
        problemProperties.put("pendingIdentityHash", Map.of("type", "string",
                "description", "stale_acknowledgement: the identity that is pending, to acknowledge instead"));
        problemProperties.put("upstreamStatus", Map.of("type", "integer", "description", "upstream_error: WhatsApp's HTTP status"));
        problemProperties.put("scope", Map.of("type", "string", "description", "too_many_held_messages: what the limit counts"));
        problemProperties.put("reason", Map.of("type", "string", "description", "too_many_held_messages: why the send was blocked"));
        problemProperties.put("limit", Map.of("type", "integer", "description", "too_many_held_messages: the most allowed"));
        problemProperties.put("timedOut", Map.of("type", "boolean", "description", "upstream_error: WhatsApp did not answer in time"));
        problemProperties.put("mayHaveBeenSent", Map.of("type", "boolean",
                "description", "upstream_error: the message may have gone out all the same; do not resend blindly"));
        problemProperties.put("graphCode", Map.of("type", "integer", "description", "upstream_error: the Graph API's error code"));
        problemProperties.put("provider", Map.of("type", "string", "description", "unsupported_by_provider: the configured provider"));
        problemProperties.put("contactIds", Map.of("type", "array", "items", Map.of("type", "string"),
                "description", "conflict: the contacts a recipient's names lead to, when they are not one"));
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "object");
        problem.put("description", "an RFC 9457 problem document with trustgate's stable code, and the extension members named here");
        problem.put("required", List.of("type", "title", "status", "code", "detail"));
        problem.put("properties", problemProperties);
        schemas.put(PROBLEM, problem);
        schemas.put(HEALTH, JsonSchemas.object(Map.of("status", Map.of("type", "string", "enum", List.of("up", "ready", "storage unavailable")))));
        schemas.put(TEXT, Map.of("type", "string"));
        schemas.put(DOCUMENT, Map.of("type", "object", "description", "this OpenAPI document", "additionalProperties", true));
        schemas.put(WHATSAPP_WEBHOOK, JsonSchemas.described(Map.of("type", "object",
                "properties", Map.of("object", Map.of("type", "string"), "entry", Map.of("type", "array",
                        "items", Map.of("type", "object", "additionalProperties", true))), "additionalProperties", true),
                "a WhatsApp Business Account webhook as Meta sends it (Cloud API or On-Premises), taken as it is",
                Map.of("object", "whatsapp_business_account", "entry", List.of(Map.of("id", "102290129340398",
                        "changes", List.of(Map.of("field", "messages", "value", Map.of("messaging_product", "whatsapp"))))))));
        schemas.put(PROVIDER_WEBHOOK, Map.of("type", "object", "additionalProperties", true,
                "description", "the provider's webhook body as it sends it: 360dialog's is Meta's Cloud API webhook, "
                        + "Infobip's its inbound-messages report"));
        schemas.put(SIM_SWAP_NOTICE, JsonSchemas.described(Map.of("type", "object",
                "required", List.of("specversion", "id", "source", "type", "time", "data"),
                "properties", Map.of("specversion", Map.of("type", "string", "enum", List.of("1.0")),
                        "id", Map.of("type", "string"), "source", Map.of("type", "string"), "type", Map.of("type", "string"),
                        "time", Map.of("type", "string", "format", "date-time"),
                        "data", Map.of("type", "object", "required", List.of("subscriptionId"), "additionalProperties", true,
                                "properties", Map.of("subscriptionId", Map.of("type", "string"),
                                        "phoneNumber", Map.of("type", "string", "pattern", "^\\+[1-9][0-9]{4,14}$")))),
                "additionalProperties", true),
                "a mobile operator's notice for a SIM-swap subscription (CAMARA SIM Swap Subscriptions v0.3): a CloudEvent 1.0 "
                        + "in structured mode, of type org.camaraproject.sim-swap-subscriptions.v0.swapped or a subscription "
                        + "lifecycle type (subscription-started, -updated, -ended)",
                Map.of("id", "83a0d986-0866-4f38-b8c0-fc65bfcda452", "source", "https://notificationSendServer12.supertelco.com",
                        "type", "org.camaraproject.sim-swap-subscriptions.v0.swapped", "specversion", "1.0",
                        "datacontenttype", "application/json", "time", "2023-01-17T13:18:23.682Z",
                        "data", Map.of("phoneNumber", "+123456789", "subscriptionId", "qs15-h556-rt89-1298"))));
        schemas.put(WEBHOOK_RECEIPT, JsonSchemas.object(Map.of("received", Map.of("type", "boolean"),
                "applied", Map.of("type", "integer", "description", "identity signals that changed a contact"),
                "ignored", Map.of("type", "integer", "description", "signals that changed nothing"),
                "duplicates", Map.of("type", "integer", "description", "signals already recorded"),
                "skipped", Map.of("type", "integer", "description", "parts that carried no signal trustgate reads"))));
        schemas.put(GRAPH_MESSAGE, JsonSchemas.described(Map.of("type", "object", "additionalProperties", true),
                "a WhatsApp Cloud API message (or mark-as-read) exactly as the Graph API takes it", Map.of(
                        "messaging_product", "whatsapp", "to", "16505551234", "type", "text", "text", Map.of("body", "hello"))));
        schemas.put(GRAPH_SEND_RESULT, Map.of("type", "object", "additionalProperties", true,
                "description", "WhatsApp's own answer, relayed as it came"));
        schemas.put(GRAPH_SETTINGS, JsonSchemas.described(Map.of("type", "object", "required", List.of("user_identity_change"),
                "properties", Map.of("user_identity_change", Map.of("type", "object", "required", List.of("enable_identity_key_check"),
                        "properties", Map.of("enable_identity_key_check", Map.of("type", "boolean"))))),
                "the Cloud API's identity-check setting", Map.of("user_identity_change", Map.of("enable_identity_key_check", true))));
        schemas.put(GRAPH_SUCCESS, JsonSchemas.object(Map.of("success", Map.of("type", "boolean"))));
        Map<String, Object> errorData = Map.of("type", "object", "properties", Map.of(
                "messaging_product", Map.of("type", "string"), "details", Map.of("type", "string")));
        schemas.put(GRAPH_ERROR, Map.of("type", "object", "required", List.of("error"), "properties", Map.of("error",
                Map.of("type", "object", "required", List.of("message", "type", "code"), "properties", Map.of(
                        "message", Map.of("type", "string"), "type", Map.of("type", "string"), "code", Map.of("type", "integer"),
                        "error_data", errorData, "fbtrace_id", Map.of("type", "string"))))));
        return schemas;
    }

    private static Map<String, Object> securitySchemes() {
        Map<String, Object> schemes = new LinkedHashMap<>();
        schemes.put("apiKey", Map.of("type", "http", "scheme", "bearer", "bearerFormat", "trustgate API key",
                "description", "a trustgate API key: Authorization: Bearer <key>. The admin key (TRUSTGATE_ADMIN_KEY) may do "
                        + "everything; another key acts for the business numbers it was created for (another business's "
                        + "number is answered 404). The drop-in Cloud API takes the same key as its Graph access token."));
        schemes.put("metricsKey", Map.of("type", "http", "scheme", "bearer", "description", "TRUSTGATE_METRICS_KEY, when set"));
        schemes.put("whatsAppSignature", Map.of("type", "apiKey", "in", "header", "name", "X-Hub-Signature-256",
                "description", "Meta's signature of the webhook: sha256=<hex HMAC-SHA256 of the raw body, keyed with the app "
                        + "secret (WHATSAPP_APP_SECRET)>. A missing or wrong signature is answered 401 and nothing is recorded."));
        schemes.put("simSwapSinkCredential", Map.of("type", "http", "scheme", "bearer", "description",
                "CAMARA_SINK_CREDENTIAL: the sink credential trustgate gives the mobile operator with its SIM-swap "
                        + "subscriptions, sent back as Authorization: Bearer <credential>; another is answered 401"));
        schemes.put("whatsAppVerifyToken", Map.of("type", "apiKey", "in", "query", "name", "hub.verify_token",
                "description", "WHATSAPP_VERIFY_TOKEN, sent by Meta with hub.mode=subscribe and hub.challenge"));
        return schemes;
    }

    /** The security scheme a route's access asks for; none for a public route or a secret path. */
    private static Optional<String> scheme(Route.Access access) {
        return Optional.ofNullable(switch (access) {
            // OpenAPI has no scheme for a secret in the path: the path parameter and the description say so
            case PUBLIC, PROVIDER_WEBHOOK_SECRET -> null;
            case WHATSAPP_VERIFY_TOKEN -> "whatsAppVerifyToken";
            case WHATSAPP_SIGNATURE -> "whatsAppSignature";
            case METRICS_KEY -> "metricsKey";
            case SIM_SWAP_SINK_CREDENTIAL -> "simSwapSinkCredential";
            case KEY, ADMIN, GRAPH, GRAPH_ADMIN -> "apiKey";
        });
    }

    private static String access(Route.Access access) {
        return switch (access) {
            case PUBLIC -> "public, no credentials.";
            case WHATSAPP_VERIFY_TOKEN -> "WhatsApp's verify token (hub.verify_token with hub.mode=subscribe), 403 otherwise.";
            case WHATSAPP_SIGNATURE -> "signed by Meta: X-Hub-Signature-256 over the raw body, 401 otherwise; bodies past the "
                    + "webhook limit are answered 413.";
            case PROVIDER_WEBHOOK_SECRET -> "the path's {secret} must be one this trustgate was given for the provider "
                    + "(the provider signs nothing: the URL is the credential, keep it secret), 401 otherwise.";
            case METRICS_KEY -> "TRUSTGATE_METRICS_KEY as bearer token when one is configured.";
            case SIM_SWAP_SINK_CREDENTIAL -> "the sink credential trustgate gave the mobile operator (CAMARA_SINK_CREDENTIAL) "
                    + "as bearer token, 401 otherwise; bodies past the webhook limit are answered 413.";
            case KEY -> "any API key; on a business's path, a key of that business (another's is answered 404).";
            case ADMIN -> "the admin key only (another key is answered 403).";
            case GRAPH -> "an API key as the Graph access token; refusals are Graph-style errors.";
            case GRAPH_ADMIN -> "the admin key as the Graph access token; refusals are Graph-style errors.";
        };
    }

    private static String parameter(String name) {
        return switch (name) {
            case "pnid" -> "the business's WhatsApp phone_number_id";
            case "customer" -> "the contact: its contact id, wa_id, user id (BSUID) or parent user id";
            case "secret" -> "the webhook path secret this trustgate was given for the provider";
            case "version" -> "the Graph API version, e.g. v21.0";
            default -> "the " + name;
        };
    }

    private static boolean graph(Route.Access access) {
        return access == Route.Access.GRAPH || access == Route.Access.GRAPH_ADMIN;
    }
}
