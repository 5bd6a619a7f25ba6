package dev.trustgate.adapters.http.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Errors in the Graph API's own shape, for the paths where trustgate stands in for WhatsApp's Cloud API: an
 * existing WhatsApp app's error handling reads them as it reads WhatsApp's.
 */
public final class GraphErrors {

    private static final String VERSION = "v[0-9]+\\.[0-9]+";
    /** Compiled once: checked on every drop-in call. */
    private static final java.util.regex.Pattern A_VERSION = java.util.regex.Pattern.compile(VERSION);
    private static final java.util.regex.Pattern UNDER_A_VERSION = java.util.regex.Pattern.compile("/" + VERSION + "/.*");

    private GraphErrors() {
    }

    /** Whether {@code segment} names a Graph API version, such as {@code v25.0}. */
    public static boolean isVersion(String segment) {
        return A_VERSION.matcher(segment).matches();
    }

    /** Whether {@code path} is under a Graph API version, such as {@code /v25.0/…}. */
    public static boolean isGraphPath(String path) {
        return UNDER_A_VERSION.matcher(path).matches();
    }

    /** Any Graph path trustgate does not serve: it serves only messages and settings. */
    public static void notServed(Context ctx, ObjectMapper json) {
        write(ctx, json, 404,
                "Unsupported request - trustgate serves only POST /{version}/{phone_number_id}/messages and /settings", 100,
                "trustgate: " + ctx.method() + " " + ctx.path() + " is not served");
    }

    public static void write(Context ctx, ObjectMapper json, int status, String message, int code, String details) {
        Map<String, Object> errorData = new LinkedHashMap<>();
        errorData.put("messaging_product", "whatsapp");
        errorData.put("details", details);
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("message", message);
        error.put("type", "OAuthException");
        error.put("code", code);
        error.put("error_data", errorData);
        error.put("fbtrace_id", "trustgate-" + UUID.randomUUID().toString().substring(0, 8));
        try {
            ctx.status(status).contentType("application/json").result(json.writeValueAsString(Map.of("error", error)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
