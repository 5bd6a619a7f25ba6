package dev.trustgate.adapters.http.support;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import dev.trustgate.application.Caller;
import dev.trustgate.application.port.in.ContactSelector;
import dev.trustgate.domain.BusinessNumberId;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

/** Reads what every handler reads: the caller, path parameters and JSON bodies, with clear 400s. */
public final class Requests {

    public static final String CALLER = "trustgate.caller";
    /** The business number whose webhook path secret a provider's webhook came to (360dialog's are per number). */
    public static final String WEBHOOK_OWNER = "trustgate.webhookOwner";

    private Requests() {
    }

    public static Caller caller(Context ctx) {
        Caller caller = ctx.attribute(CALLER);
        if (caller == null) {
            throw new IllegalStateException("route " + ctx.path() + " is not behind authentication");
        }
        return caller;
    }

    /** The business number a 360dialog webhook's path secret belongs to, as its route's access found it. */
    public static BusinessNumberId webhookOwner(Context ctx) {
        BusinessNumberId owner = ctx.attribute(WEBHOOK_OWNER);
        if (owner == null) {
            throw new IllegalStateException("route " + RequestLog.mask(ctx.path()) + " is not behind a webhook path secret");
        }
        return owner;
    }

    public static BusinessNumberId business(Context ctx) {
        return new BusinessNumberId(ctx.pathParam("pnid"));
    }

    /** The contact a {@code …/contacts/{customer}} path names: by contact id, wa_id, user id or parent user id. */
    public static ContactSelector contact(Context ctx) {
        return ContactSelector.of(business(ctx), ctx.pathParam("customer"));
    }

    /** The JSON body as {@code type}; an empty body reads as {@code {}}. Unknown fields are refused. */
    public static <T> T body(Context ctx, ObjectMapper json, Class<T> type) {
        String body = ctx.body();
        try {
            return json.readValue(body.isBlank() ? "{}" : body, type);
        } catch (UnrecognizedPropertyException e) {
            throw new IllegalArgumentException("unknown field '" + e.getPropertyName() + "'");
        } catch (MismatchedInputException e) {
            String field = field(e.getPath());
            throw new IllegalArgumentException(field.isEmpty() ? "the body must be a JSON object"
                    : field + " must be " + expected(e.getTargetType()));
        } catch (JsonProcessingException e) {
            JsonLocation where = e.getLocation();
            throw new IllegalArgumentException("body is not valid JSON" + (where == null ? ""
                    : " (line " + where.getLineNr() + ", column " + where.getColumnNr() + ")"));
        } catch (IOException e) {
            throw new IllegalArgumentException("body could not be read");
        }
    }

    /** The field a JSON error is about, as a JSON path: {@code message.text}, {@code phoneNumberIds[2]}. */
    private static String field(List<JsonMappingException.Reference> path) {
        StringBuilder field = new StringBuilder();
        for (JsonMappingException.Reference step : path) {
            if (step.getFieldName() != null) {
                field.append(field.length() == 0 ? "" : ".").append(step.getFieldName());
            } else if (step.getIndex() >= 0) {
                field.append('[').append(step.getIndex()).append(']');
            }
        }
        return field.toString();
    }

    /** What a field of {@code type} takes, in JSON's words rather than Java's. */
    private static String expected(Class<?> type) {
        if (type == null) {
            return "of another JSON type";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class || type == Short.class) {
            return "a whole number";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
            return "a number";
        }
        if (type == String.class || CharSequence.class.isAssignableFrom(type)) {
            return "a string";
        }
        if (type.isEnum()) {
            return "one of " + Arrays.stream(type.getEnumConstants()).map(Object::toString).collect(Collectors.joining(", "));
        }
        if (type.isArray() || Collection.class.isAssignableFrom(type)) {
            return "an array";
        }
        return "a JSON object";
    }

    /** {@code ?limit=}: the page size asked for, or the application's default when none is. */
    public static int limit(Context ctx) {
        String value = ctx.queryParam("limit");
        try {
            return dev.trustgate.application.Requests.limit(value == null ? null : Integer.valueOf(value));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("limit must be a whole number");
        }
    }
}
