package dev.trustgate.adapters.http.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trustgate.application.ErrorCode;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;

/** Writes RFC 9457 problem documents with trustgate's stable error codes. */
public final class Problems {

    private Problems() {
    }

    public static int status(ErrorCode code) {
        return switch (code) {
            case INVALID_REQUEST, UNSUPPORTED_RECIPIENT, UNSUPPORTED_MESSAGE_TYPE -> 400;
            case UNAUTHORIZED -> 401;
            case FORBIDDEN, NOT_TRUSTED -> 403;
            case NOT_FOUND -> 404;
            case CONFLICT, IDENTITY_CHANGE_UNACKNOWLEDGED, IDENTITY_UNKNOWN, STALE_ACKNOWLEDGEMENT,
                    ACKNOWLEDGEMENT_POLICY_UNMET, UNKNOWN_REAUTHENTICATION -> 409;
            case PAYLOAD_TOO_LARGE -> 413;
            case TOO_MANY_HELD_MESSAGES -> 429;
            case STORAGE_UNAVAILABLE -> 503;
            case UPSTREAM_ERROR -> 502;
            case UNSUPPORTED_BY_PROVIDER -> 501;
        };
    }

    public static void write(Context ctx, ObjectMapper json, ErrorCode code, String detail, Map<String, Object> extra) {
        write(ctx, json, status(code), code.code(), detail, extra);
    }

    public static void write(Context ctx, ObjectMapper json, int status, String code, String detail, Map<String, Object> extra) {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "https://trustgate.dev/problems/" + code);
        problem.put("title", title(code));
        problem.put("status", status);
        problem.put("code", code);
        problem.put("detail", detail);
        extra.forEach(problem::putIfAbsent);
        try {
            ctx.status(status).contentType("application/problem+json").result(json.writeValueAsString(problem));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a problem document always serialises", e);
        }
    }

    private static String title(String code) {
        String words = code.replace('_', ' ');
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }
}
