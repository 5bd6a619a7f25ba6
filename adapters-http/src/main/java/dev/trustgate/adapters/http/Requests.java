package dev.trustgate.adapters.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import dev.trustgate.application.Caller;
import dev.trustgate.domain.BusinessNumberId;
import dev.trustgate.application.port.in.ContactSelector;
import io.javalin.http.Context;
import java.io.IOException;

/** Reads what every handler reads: the caller, path parameters and JSON bodies, with clear 400s. */
final class Requests {

    static final String CALLER = "trustgate.caller";

    private Requests() {
    }

    static Caller caller(Context ctx) {
        Caller caller = ctx.attribute(CALLER);
        if (caller == null) {
            throw new IllegalStateException("route " + ctx.path() + " is not behind authentication");
        }
        return caller;
    }

    static BusinessNumberId business(Context ctx) {
        return new BusinessNumberId(ctx.pathParam("pnid"));
    }

    /** The contact a {@code …/contacts/{customer}} path names: by contact id, wa_id, user id or parent user id. */
    static ContactSelector contact(Context ctx) {
        return ContactSelector.of(business(ctx), ctx.pathParam("customer"));
    }

    /** The JSON body as {@code type}; an empty body reads as {@code {}}. Unknown fields are refused. */
    static <T> T body(Context ctx, ObjectMapper json, Class<T> type) {
        String body = ctx.body();
        try {
            return json.readValue(body.isBlank() ? "{}" : body, type);
        } catch (UnrecognizedPropertyException e) {
            throw new IllegalArgumentException("unknown field '" + e.getPropertyName() + "'");
        } catch (IOException e) {
            throw new IllegalArgumentException("body is not valid JSON for this request: "
                    + e.getMessage().lines().findFirst().orElse("").replaceAll(" \\(class .*", ""));
        }
    }

    static int limit(Context ctx) {
        String value = ctx.queryParam("limit");
        if (value == null) {
            return 100;
        }
        try {
            return dev.trustgate.application.Requests.limit(Integer.parseInt(value));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("limit must be a whole number");
        }
    }
}
