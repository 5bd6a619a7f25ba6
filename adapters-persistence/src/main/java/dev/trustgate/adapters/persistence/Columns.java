package dev.trustgate.adapters.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trustgate.domain.BusinessNumberId;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Conversions between domain values and column values, in one place for every store. */
final class Columns {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<LinkedHashMap<String, String>> TEXT_MAP = new TypeReference<>() {
    };

    private Columns() {
    }

    static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }

    static Instant instant(java.sql.ResultSet rs, String column) throws java.sql.SQLException {
        return instant(rs.getObject(column, OffsetDateTime.class));
    }

    static String json(Map<String, String> data) {
        try {
            return JSON.writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of strings always serialises", e);
        }
    }

    static Map<String, String> map(String json) {
        try {
            return JSON.readValue(json, TEXT_MAP);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored event data is not JSON", e);
        }
    }

    /** A set of simple tokens (digits, dotted names) as one comma-separated column. */
    static String list(Set<?> values) {
        return values.stream().map(Object::toString).sorted().collect(Collectors.joining(","));
    }

    static <T> Set<T> set(String column, Function<String, T> parse) {
        if (column == null || column.isEmpty()) {
            return Set.of();
        }
        return Arrays.stream(column.split(",")).map(parse).collect(Collectors.toUnmodifiableSet());
    }

    static Set<BusinessNumberId> businesses(String column) {
        return set(column, BusinessNumberId::new);
    }

    static Set<String> strings(String column) {
        return new TreeSet<>(set(column, s -> s));
    }
}
