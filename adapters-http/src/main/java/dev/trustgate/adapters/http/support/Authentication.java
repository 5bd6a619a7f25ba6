package dev.trustgate.adapters.http.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trustgate.application.Caller;
import dev.trustgate.application.ErrorCode;
import dev.trustgate.application.port.in.ManageApiKeysUseCase;
import io.javalin.http.Context;
import java.util.Map;
import java.util.Optional;

/** {@code Authorization: Bearer <api key>} on every business route; anything else is a 401. */
public final class Authentication {

    private final ManageApiKeysUseCase apiKeys;
    private final ObjectMapper json;

    public Authentication(ManageApiKeysUseCase apiKeys, ObjectMapper json) {
        this.apiKeys = apiKeys;
        this.json = json;
    }

    /** Sets the caller on the context, or answers 401 and skips the route. Returns whether it passed. */
    public boolean authenticate(Context ctx) {
        Optional<Caller> caller = bearer(ctx.header("Authorization")).flatMap(apiKeys::authenticate);
        if (caller.isEmpty()) {
            ctx.header("WWW-Authenticate", "Bearer");
            Problems.write(ctx, json, ErrorCode.UNAUTHORIZED, "a valid API key is required: Authorization: Bearer <key>",
                    Map.of());
            ctx.skipRemainingHandlers();
            return false;
        }
        ctx.attribute(Requests.CALLER, caller.get());
        return true;
    }

    public static Optional<String> bearer(String header) {
        if (header == null || header.length() > 300) {
            return Optional.empty();
        }
        String[] parts = header.trim().split("\\s+");
        if (parts.length != 2 || !parts[0].equalsIgnoreCase("Bearer") || parts[1].isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(parts[1]);
    }
}
