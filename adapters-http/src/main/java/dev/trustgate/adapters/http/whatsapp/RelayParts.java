package dev.trustgate.adapters.http.whatsapp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trustgate.domain.BusinessNumberId;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which business numbers a verified webhook concerns, and what of it each one's relay may carry (DESIGN §6).
 * A change ({@code entry[].changes[]}) of any field concerns the business number its
 * {@code value.metadata.phone_number_id} names; one naming none (template status, account and quality
 * updates: about the WhatsApp Business Account) concerns no business number, as does an entry without
 * changes. An On-Premises webhook concerns the number its URL names ({@code ?phone_number_id=}), if any.
 *
 * <p>A webhook that concerns one business number (or none), as nearly all do, is one part: the body as
 * received, byte-identical. One that carries changes of several is split so that no business's relay carries
 * another's data: a part per business number (and one for what concerns none), each the same webhook with only
 * that part's changes, its entries and other fields kept as they were, re-serialised (so not byte-identical).
 */
final class RelayParts {

    private static final ObjectMapper EXACT = JsonMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .nodeFactory(JsonNodeFactory.withExactBigDecimals(true)).build();

    /** One part: the business number it concerns (empty: none) and its body. */
    record Part(Optional<BusinessNumberId> business, String body) {
    }

    private RelayParts() {
    }

    /** The parts of {@code payload}, read from {@code raw}; an On-Premises webhook's number is in its URL. */
    static List<Part> of(JsonNode payload, byte[] raw, Optional<BusinessNumberId> onPremisesNumber) {
        String received = new String(raw, StandardCharsets.UTF_8);
        JsonNode entries = payload.path("entry");
        if (!entries.isArray()) {
            return List.of(new Part(onPremisesNumber, received));
        }
        // which changes (by entry and change index; -1 = an entry without changes) each business number has
        Map<Optional<BusinessNumberId>, Map<Integer, List<Integer>>> parts = new LinkedHashMap<>();
        for (int e = 0; e < entries.size(); e++) {
            JsonNode changes = entries.get(e).path("changes");
            if (!changes.isArray() || changes.isEmpty()) {
                parts.computeIfAbsent(Optional.empty(), b -> new LinkedHashMap<>()).put(e, List.of());
                continue;
            }
            for (int c = 0; c < changes.size(); c++) {
                Optional<BusinessNumberId> business = businessNumber(changes.get(c).path("value").path("metadata").path("phone_number_id"));
                parts.computeIfAbsent(business, b -> new LinkedHashMap<>()).computeIfAbsent(e, i -> new ArrayList<>()).add(c);
            }
        }
        if (parts.size() <= 1) {
            return List.of(new Part(parts.keySet().stream().findFirst().flatMap(b -> b), received));
        }
        JsonNode exact = exactly(raw);
        List<Part> split = new ArrayList<>();
        parts.forEach((business, changes) -> split.add(new Part(business, only(exact, changes))));
        return split;
    }

    /** {@code raw} read again keeping every number as written ({@code 1.10} stays {@code 1.10}), for writing parts of it. */
    private static JsonNode exactly(byte[] raw) {
        try {
            return EXACT.readTree(raw);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("a webhook that was read once can be read again", e);
        }
    }

    /** {@code payload} with only the {@code changes} given (by entry index), every other field as it was. */
    private static String only(JsonNode payload, Map<Integer, List<Integer>> changes) {
        ObjectNode part = EXACT.createObjectNode();
        payload.properties().forEach(field -> {
            if (!field.getKey().equals("entry")) {
                part.set(field.getKey(), field.getValue());
                return;
            }
            ArrayNode entries = part.putArray("entry");
            changes.forEach((e, kept) -> {
                JsonNode entry = field.getValue().get(e);
                if (kept.isEmpty() || !entry.isObject()) {
                    entries.add(entry);
                    return;
                }
                ObjectNode copy = entries.addObject();
                entry.properties().forEach(f -> {
                    if (f.getKey().equals("changes")) {
                        ArrayNode only = copy.putArray("changes");
                        kept.forEach(c -> only.add(f.getValue().get(c)));
                    } else {
                        copy.set(f.getKey(), f.getValue());
                    }
                });
            });
        });
        try {
            return EXACT.writeValueAsString(part);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a parsed webhook can be written again", e);
        }
    }

    private static Optional<BusinessNumberId> businessNumber(JsonNode phoneNumberId) {
        if (!phoneNumberId.isTextual()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new BusinessNumberId(phoneNumberId.asText()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
