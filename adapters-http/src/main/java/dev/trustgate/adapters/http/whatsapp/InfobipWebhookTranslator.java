package dev.trustgate.adapters.http.whatsapp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trustgate.application.port.in.RecordIdentitySignalUseCase.Kind;
import dev.trustgate.application.port.in.RecordIdentitySignalUseCase.Signal;
import dev.trustgate.domain.BusinessNumberId;
import dev.trustgate.domain.ContactNames;
import dev.trustgate.domain.CustomerName;
import dev.trustgate.domain.IdentityHash;
import dev.trustgate.domain.SignalSource;
import dev.trustgate.domain.WaId;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns Infobip's inbound WhatsApp messages ({@code {"results":[{"from","to","integrationType","receivedAt",
 * "messageId","message":{…,"identity":{"acknowledged","hash","createdAt"}}}]}}) into the same identity signals as
 * Meta's webhooks. {@code to} is the Infobip sender (the business number), {@code from} the customer's number. With
 * the identity change add-on every message carries the customer's identity: one Infobip has not seen acknowledged
 * is a change Infobip blocks on (trustgate blocks too, until the business acknowledges it and trustgate confirms it
 * to Infobip); an acknowledged one is an observation, a baseline the first time. A message without identity only
 * names its customer.
 */
final class InfobipWebhookTranslator {

    private static final Logger LOG = LoggerFactory.getLogger(InfobipWebhookTranslator.class);
    private static final long MAX_CLOCK_SKEW_SECONDS = 86_400;
    /** Infobip's timestamps: {@code 2019-07-19T11:21:27.861+0000}. */
    private static final DateTimeFormatter INFOBIP_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ");

    private final Supplier<Instant> now;
    private final ObjectMapper json;

    InfobipWebhookTranslator(Supplier<Instant> now, ObjectMapper json) {
        this.now = now;
        this.json = json;
    }

    /** The signals of {@code payload}, in order; results trustgate cannot use are skipped and counted. */
    WhatsAppWebhookTranslator.Translation translate(JsonNode payload) {
        List<Signal> signals = new ArrayList<>();
        Map<BusinessNumberId, List<CustomerName>> named = new LinkedHashMap<>();
        int skipped = 0;
        for (JsonNode result : payload.path("results")) {
            Optional<Signal> signal = signal(result);
            if (signal.isEmpty()) {
                skipped++;
                continue;
            }
            signals.add(signal.get());
            List<CustomerName> names = named.computeIfAbsent(signal.get().business(), b -> new ArrayList<>());
            signal.get().names().all().stream().filter(name -> !names.contains(name)).forEach(names::add);
        }
        return new WhatsAppWebhookTranslator.Translation(signals, skipped, named);
    }

    private Optional<Signal> signal(JsonNode result) {
        if (result.hasNonNull("integrationType") && !"WHATSAPP".equals(result.path("integrationType").asText())) {
            return skip("a result of another channel");
        }
        Optional<BusinessNumberId> business = business(result);
        Optional<WaId> customer = number(result.path("from"), WaId::new);
        if (business.isEmpty() || customer.isEmpty()) {
            return skip("a result without a usable sender (to) or customer number (from)");
        }
        ContactNames names = ContactNames.of(customer.get());
        String messageId = result.path("messageId").asText("");
        Optional<String> receipt = messageId.isEmpty() ? Optional.empty() : Optional.of(business.get() + ":msg:" + messageId);
        JsonNode identity = result.path("message").path("identity");
        Optional<Instant> asOf = time(result.path("receivedAt")).or(() -> time(identity.path("createdAt")));
        JsonNode hash = identity.path("hash");
        if (!hash.isTextual() || hash.asText().isEmpty()) {
            return Optional.of(Signal.of(Optional.empty(), business.get(), names, Kind.NAMED, Optional.empty(), asOf.orElseGet(now),
                    SignalSource.WHATSAPP_MESSAGE, Optional.empty()));
        }
        Optional<IdentityHash> readable = hash(hash.asText());
        boolean acknowledged = identity.path("acknowledged").asBoolean(false);
        if (readable.isEmpty() || !acknowledged) {
            // Infobip blocks this customer until the identity is confirmed: so does trustgate (an unreadable one is unknown)
            return Optional.of(Signal.of(receipt, business.get(), names, Kind.CHANGED, readable, asOf.orElseGet(now),
                    SignalSource.WHATSAPP_SYSTEM, Optional.empty()));
        }
        if (asOf.isEmpty()) {
            return skip("an identity hash without a usable time");
        }
        return Optional.of(Signal.of(receipt, business.get(), names, Kind.OBSERVED, readable, asOf.get(),
                SignalSource.WHATSAPP_MESSAGE, Optional.empty()));
    }

    /**
     * What of {@code payload} each business number's relay may carry: the body as received when it concerns one
     * sender (or none trustgate can read), else a part per sender with only its results.
     */
    List<RelayParts.Part> parts(JsonNode payload, byte[] raw) {
        Map<Optional<BusinessNumberId>, List<JsonNode>> bySender = new LinkedHashMap<>();
        for (JsonNode result : payload.path("results")) {
            bySender.computeIfAbsent(business(result), b -> new ArrayList<>()).add(result);
        }
        String received = new String(raw, StandardCharsets.UTF_8);
        if (bySender.size() <= 1) {
            return List.of(new RelayParts.Part(bySender.keySet().stream().findFirst().flatMap(b -> b), received));
        }
        List<RelayParts.Part> parts = new ArrayList<>();
        bySender.forEach((business, results) -> {
            ObjectNode part = ((ObjectNode) payload).deepCopy();
            ArrayNode only = part.putArray("results");
            results.forEach(only::add);
            if (part.has("messageCount")) {
                part.put("messageCount", results.size());
            }
            try {
                parts.add(new RelayParts.Part(business, json.writeValueAsString(part)));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("a parsed webhook can be written again", e);
            }
        });
        return parts;
    }

    /**
     * The sender (business number) of an inbound message: its {@code to}. A delivery report has a {@code to} too, the
     * customer's, and no {@code from}: it names no sender.
     */
    private static Optional<BusinessNumberId> business(JsonNode result) {
        if (!result.path("from").isTextual()) {
            return Optional.empty();
        }
        return number(result.path("to"), BusinessNumberId::new);
    }

    private static <T> Optional<T> number(JsonNode node, java.util.function.Function<String, T> parse) {
        if (!node.isTextual()) {
            return Optional.empty();
        }
        try {
            return Optional.of(parse.apply(node.asText().replaceFirst("^\\+", "")));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static Optional<IdentityHash> hash(String value) {
        try {
            return Optional.of(new IdentityHash(value));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Infobip's time, unless more than a day ahead of ours (it would make every later signal look older). */
    private Optional<Instant> time(JsonNode node) {
        if (!node.isTextual()) {
            return Optional.empty();
        }
        try {
            Instant at = OffsetDateTime.parse(node.asText(), INFOBIP_TIME).toInstant();
            return at.isAfter(now.get().plusSeconds(MAX_CLOCK_SKEW_SECONDS)) ? Optional.empty() : Optional.of(at);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static <T> Optional<T> skip(String why) {
        LOG.warn("Infobip webhook result skipped: {}", why);
        return Optional.empty();
    }
}
