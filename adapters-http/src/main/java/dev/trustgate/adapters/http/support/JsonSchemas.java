package dev.trustgate.adapters.http.support;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * JSON Schemas read off the records the API writes as JSON, so the OpenAPI document describes what is answered and
 * cannot drift from it: every component is present (a reference or a time may be {@code null}), and no other field
 * is ({@code additionalProperties: false}), so an answer with a field the document does not name fails validation.
 * OpenAPI 3.0's {@code nullable} says what may be {@code null}.
 */
public final class JsonSchemas {

    private JsonSchemas() {
    }

    /** A schema reference to the document's schema {@code name}. */
    public static Map<String, Object> ref(String name) {
        return Map.of("$ref", "#/components/schemas/" + name);
    }

    /** A string that is one of {@code values}. */
    public static Map<String, Object> oneOf(String description, List<String> values) {
        return Map.of("type", "string", "description", description, "enum", List.copyOf(values));
    }

    /** An array of {@code items}. */
    public static Map<String, Object> arrayOf(Map<String, Object> items) {
        return Map.of("type", "array", "items", items);
    }

    /**
     * The object schema of {@code record} as Jackson writes it, where {@code overrides} says more than the Java type
     * can (a string that is one of a list, say), by component name.
     */
    public static Map<String, Object> of(Class<? extends Record> record, Map<String, Map<String, Object>> overrides) {
        Map<String, Object> properties = new LinkedHashMap<>();
        List<String> required = new ArrayList<>();
        for (RecordComponent component : record.getRecordComponents()) {
            properties.put(component.getName(), overrides.containsKey(component.getName()) ? overrides.get(component.getName())
                    : of(component.getGenericType()));
            required.add(component.getName());
        }
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("type", "object");
        schema.put("required", required);
        schema.put("properties", properties);
        schema.put("additionalProperties", false);
        return schema;
    }

    /** {@code schema} with a {@code description} (and an {@code example}, when one is given). */
    public static Map<String, Object> described(Map<String, Object> schema, String description, Object... example) {
        // a schema of Map.of has no order of its own: sorted, so the document reads the same on every start
        Map<String, Object> described = new LinkedHashMap<>(schema instanceof LinkedHashMap ? schema : new TreeMap<>(schema));
        described.put("description", description);
        if (example.length > 0) {
            described.put("example", example[0]);
        }
        return described;
    }

    /** An object of exactly {@code properties}, all required but those named in {@code optional}. */
    public static Map<String, Object> object(Map<String, Object> properties, String... optional) {
        List<String> required = new ArrayList<>(properties.keySet());
        required.removeAll(List.of(optional));
        if (!(properties instanceof LinkedHashMap)) {
            required.sort(null);
        }
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("type", "object");
        if (!required.isEmpty()) {
            schema.put("required", required);
        }
        schema.put("properties", properties);
        schema.put("additionalProperties", false);
        return schema;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> of(Type type) {
        if (type instanceof ParameterizedType list && list.getRawType() == List.class) {
            return arrayOf(of(list.getActualTypeArguments()[0]));
        }
        if (type instanceof ParameterizedType map && map.getRawType() == Map.class) {
            return Map.of("type", "object", "additionalProperties", Map.of("type", "string"));
        }
        Class<?> c = (Class<?>) type;
        if (c == boolean.class) {
            return Map.of("type", "boolean");
        }
        if (c == int.class) {
            return Map.of("type", "integer", "format", "int32");
        }
        if (c == long.class) {
            return Map.of("type", "integer", "format", "int64");
        }
        if (c == Long.class) {
            return Map.of("type", "integer", "format", "int64", "nullable", true);
        }
        if (c == String.class) {
            return Map.of("type", "string", "nullable", true);
        }
        if (c == Boolean.class) {
            return Map.of("type", "boolean", "nullable", true);
        }
        if (c == Instant.class) {
            return Map.of("type", "string", "nullable", true, "format", "date-time");
        }
        if (c.isRecord()) {
            Map<String, Object> nested = new LinkedHashMap<>(of((Class<? extends Record>) c, Map.of()));
            nested.put("nullable", true);
            return nested;
        }
        if (c.isEnum()) {
            return Map.of("type", "string", "enum", Arrays.stream(c.getEnumConstants()).map(e -> ((Enum<?>) e).name()).toList());
        }
        throw new IllegalArgumentException("no JSON schema for " + type);
    }
}
