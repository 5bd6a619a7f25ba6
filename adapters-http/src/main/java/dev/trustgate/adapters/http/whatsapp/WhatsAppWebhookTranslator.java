package dev.trustgate.adapters.http.whatsapp;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trustgate.application.port.in.RecordIdentitySignalUseCase.Kind;
import dev.trustgate.application.port.in.RecordIdentitySignalUseCase.Signal;
import dev.trustgate.domain.BusinessNumberId;
import dev.trustgate.domain.ContactNames;
import dev.trustgate.domain.CustomerName;
import dev.trustgate.domain.IdentityHash;
import dev.trustgate.domain.ParentUserId;
import dev.trustgate.domain.SignalSource;
import dev.trustgate.domain.UserId;
import dev.trustgate.domain.WaId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a verified WhatsApp webhook into identity signals (DESIGN §4), in payload order. Every place that
 * names a customer — a {@code contacts[]} item, a message's sender, a status's recipient — gives one signal
 * naming the customer by all the names found there together ({@code wa_id}, {@code user_id}, parent user
 * id), so the contact can be found, created or merged by any of them:
 * <ul>
 *   <li>hashes on contacts and statuses are observations (baseline, or a change when they differ);</li>
 *   <li>{@code customer_identity_changed} / {@code user_identity_changed} system messages are changes (the
 *       hash in the message's {@code identity} object or in {@code system.identity});</li>
 *   <li>a failed status with error 137000 is a refused send;</li>
 *   <li>{@code user_changed_number} and {@code user_changed_user_id} move or rename the customer;</li>
 *   <li>names without identity information are still learned.</li>
 * </ul>
 * A hash that cannot be read (too long, another alphabet) is a change to an unknown identity: it blocks,
 * it is never skipped. Items naming nobody trustgate can address are skipped and counted.
 */
public final class WhatsAppWebhookTranslator {

    private static final Logger LOG = LoggerFactory.getLogger(WhatsAppWebhookTranslator.class);
    private static final Set<String> IDENTITY_CHANGED = Set.of("customer_identity_changed", "user_identity_changed");
    private static final Set<String> NUMBER_CHANGED = Set.of("user_changed_number", "customer_changed_number");
    private static final String USER_ID_CHANGED = "user_changed_user_id";
    private static final int IDENTITY_KEY_MISMATCH = 137000;
    private static final long MAX_CLOCK_SKEW_SECONDS = 86_400;

    /**
     * The signals of one webhook, how many items had to be skipped, and the customer names it mentions, per
     * business number that names them (a name means one customer in one business number only).
     */
    public record Translation(List<Signal> signals, int skipped, Map<BusinessNumberId, List<CustomerName>> named) {
        public Translation {
            signals = List.copyOf(signals);
            named = Map.copyOf(named);
        }

        /** The names {@code business}'s customers are mentioned by, in payload order. */
        public List<CustomerName> namedIn(BusinessNumberId business) {
            return named.getOrDefault(business, List.of());
        }
    }

    private final Supplier<Instant> now;

    public WhatsAppWebhookTranslator(Supplier<Instant> now) {
        this.now = now;
    }

    /**
     * @param onPremisesNumber the business number an On-Premises webhook (which names none) belongs to,
     *                         as configured (never taken from the URL, which the signature does not cover)
     */
    public Translation translate(JsonNode payload, Optional<BusinessNumberId> onPremisesNumber) {
        Reading reading = new Reading();
        if (payload.has("entry")) {
            for (JsonNode entry : payload.path("entry")) {
                for (JsonNode change : entry.path("changes")) {
                    if (!"messages".equals(change.path("field").asText())) {
                        continue;
                    }
                    JsonNode value = change.path("value");
                    Optional<BusinessNumberId> business = businessNumber(value.path("metadata").path("phone_number_id").asText(""));
                    if (business.isEmpty()) {
                        reading.skipped++;
                        continue;
                    }
                    reading.read(value, business.get());
                }
            }
        } else if (payload.has("messages") || payload.has("statuses")) {
            if (onPremisesNumber.isPresent()) {
                reading.read(payload, onPremisesNumber.get());
            } else {
                LOG.info("On-Premises webhook, but no TRUSTGATE_ON_PREMISES_PHONE_NUMBER_ID is configured: receipted, not applied");
                reading.skipped++;
            }
        }
        Map<BusinessNumberId, List<CustomerName>> named = new LinkedHashMap<>();
        reading.named.forEach((business, names) -> named.put(business, List.copyOf(names)));
        return new Translation(reading.signals, reading.skipped, named);
    }

    /** The state of reading one webhook. */
    private final class Reading {
        final List<Signal> signals = new ArrayList<>();
        final Map<BusinessNumberId, Set<CustomerName>> named = new LinkedHashMap<>();
        int skipped;

        void read(JsonNode value, BusinessNumberId business) {
            JsonNode messages = value.path("messages");
            Set<ContactNames> seen = new LinkedHashSet<>();
            for (JsonNode contact : value.path("contacts")) {
                ContactNames names = names(contact.path("wa_id"), contact.path("user_id"), contact.path("parent_user_id"));
                Optional<JsonNode> message = firstMessageFrom(messages, names);
                Optional<Instant> asOf = message.flatMap(m -> timestamp(m.path("timestamp")));
                Optional<String> receipt = message.map(m -> business + ":contact:" + m.path("id").asText());
                identity(business, names, contact.path("identity_key_hash"), asOf, receipt, SignalSource.WHATSAPP_MESSAGE);
                seen.add(names);
            }
            for (JsonNode message : messages) {
                ContactNames sender = names(message.path("from"), message.path("from_user_id"), message.path("from_parent_user_id"));
                if (!sender.isEmpty() && !seen.contains(sender)) {
                    learn(business, sender, timestamp(message.path("timestamp")));
                    seen.add(sender);
                }
                if ("system".equals(message.path("type").asText())) {
                    system(business, message, sender);
                }
            }
            for (JsonNode status : value.path("statuses")) {
                status(business, status);
            }
        }

        private void status(BusinessNumberId business, JsonNode status) {
            boolean group = "group".equals(status.path("recipient_type").asText());
            ContactNames names = names(group ? null : status.path("recipient_id"), status.path("recipient_user_id"),
                    status.path("recipient_parent_user_id"));
            JsonNode hash = status.path("recipient_identity_key_hash");
            boolean mismatch = "failed".equals(status.path("status").asText()) && hasError(status, IDENTITY_KEY_MISMATCH);
            String messageId = status.path("id").asText("");
            Optional<String> receipt = messageId.isEmpty() ? Optional.empty()
                    : Optional.of(business + ":status:" + messageId + ":" + status.path("status").asText());
            Optional<Instant> asOf = timestamp(status.path("timestamp"));
            if (!mismatch) {
                identity(business, names, hash, asOf, receipt, SignalSource.WHATSAPP_STATUS);
                return;
            }
            if (messageId.isEmpty()) {
                // without the message, only the names could say whose send was refused
                if (names.isEmpty()) {
                    skip("a refused send names no recipient or message trustgate can use");
                    return;
                }
            }
            // the status's hash when readable; an unreadable one is no identity: the change is to an unknown one
            Optional<IdentityHash> readable = hash.isTextual() ? hash(hash.asText()) : Optional.empty();
            if (messageId.isEmpty()) {
                add(Signal.of(receipt, business, names, Kind.CHANGED, readable, asOf.orElseGet(now),
                        SignalSource.WHATSAPP_IDENTITY_MISMATCH, Optional.empty()));
                return;
            }
            add(new Signal(receipt, business, names, Kind.SEND_REFUSED, readable, asOf.orElseGet(now),
                    SignalSource.WHATSAPP_IDENTITY_MISMATCH, Optional.of(messageId), ContactNames.NONE));
        }

        private void system(BusinessNumberId business, JsonNode message, ContactNames sender) {
            JsonNode system = message.path("system");
            String type = system.path("type").asText();
            Optional<String> receipt = receipt(business, message.path("id").asText(""));
            // a notice without a usable time still counts (fail closed), as of its arrival
            Instant asOf = timestamp(message.path("timestamp")).orElseGet(now);
            if (IDENTITY_CHANGED.contains(type)) {
                ContactNames names = sender.with(names(firstText(system.path("wa_id"), system.path("customer"), system.path("user")),
                        null, null));
                if (names.isEmpty()) {
                    skip("an identity-change notice names no customer");
                    return;
                }
                JsonNode hash = message.path("identity").path("hash").isTextual() ? message.path("identity").path("hash")
                        : system.path("identity");
                Optional<IdentityHash> readable = hash.isTextual() ? hash(hash.asText()) : Optional.empty();
                add(Signal.of(receipt, business, names, Kind.CHANGED, readable, asOf, SignalSource.WHATSAPP_SYSTEM, Optional.empty()));
            } else if (NUMBER_CHANGED.contains(type)) {
                ContactNames before = sender.with(names(system.path("customer"), system.path("previous_user_id"),
                        system.path("previous_parent_user_id")));
                ContactNames after = names(firstText(system.path("wa_id"), system.path("new_wa_id")), system.path("user_id"),
                        system.path("parent_user_id"));
                if (before.isEmpty() || after.waId().isEmpty()) {
                    skip("a number change names no old customer or no new number");
                    return;
                }
                add(new Signal(receipt, business, before, Kind.NUMBER_CHANGED, Optional.empty(), asOf, SignalSource.WHATSAPP_SYSTEM,
                        Optional.empty(), after));
            } else if (USER_ID_CHANGED.equals(type)) {
                ContactNames before = sender.with(names(null, system.path("previous_user_id"), system.path("previous_parent_user_id")));
                ContactNames after = names(null, system.path("user_id"), system.path("parent_user_id"));
                if (after.userId().isEmpty()) {
                    skip("a user id change names no new user id");
                    return;
                }
                add(new Signal(receipt, business, before, Kind.USER_ID_CHANGED, Optional.empty(), asOf, SignalSource.WHATSAPP_SYSTEM,
                        Optional.empty(), after));
            }
        }

        /** An identity hash seen for {@code names}: an observation, a change to an unknown identity when unreadable. */
        private void identity(BusinessNumberId business, ContactNames names, JsonNode hash, Optional<Instant> asOf,
                              Optional<String> receipt, SignalSource source) {
            if (hash.isMissingNode() || hash.isNull() || (hash.isTextual() && hash.asText().isEmpty())) {
                learn(business, names, asOf);
                return;
            }
            if (names.isEmpty()) {
                skip("an identity hash names no customer");
                return;
            }
            Optional<IdentityHash> readable = hash.isTextual() ? hash(hash.asText()) : Optional.empty();
            if (readable.isEmpty()) {
                LOG.warn("an unreadable identity hash for {} counts as a change to an unknown identity", names);
                add(Signal.of(receipt, business, names, Kind.CHANGED, Optional.empty(), asOf.orElseGet(now), source, Optional.empty()));
            } else if (asOf.isEmpty()) {
                skip("an identity hash without a usable time");
            } else {
                add(Signal.of(receipt, business, names, Kind.OBSERVED, readable, asOf.get(), source, Optional.empty()));
            }
        }

        /** Names seen together, as of when WhatsApp saw them (an older sighting never renames the customer). */
        private void learn(BusinessNumberId business, ContactNames names, Optional<Instant> asOf) {
            if (!names.isEmpty()) {
                add(Signal.of(Optional.empty(), business, names, Kind.NAMED, Optional.empty(), asOf.orElseGet(now),
                        SignalSource.WHATSAPP_MESSAGE, Optional.empty()));
            }
        }

        private void add(Signal signal) {
            signals.add(signal);
            Set<CustomerName> ofBusiness = named.computeIfAbsent(signal.business(), b -> new LinkedHashSet<>());
            ofBusiness.addAll(signal.names().all());
            ofBusiness.addAll(signal.newNames().all());
        }

        private void skip(String why) {
            LOG.warn("webhook item skipped: {}", why);
            skipped++;
        }

        /** The names found in {@code waId}, {@code userId} and {@code parentUserId}; unreadable ones are left out. */
        private ContactNames names(JsonNode waId, JsonNode userId, JsonNode parentUserId) {
            ContactNames names = ContactNames.NONE;
            names = with(names, waId, WaId::new);
            names = with(names, userId, UserId::new);
            return with(names, parentUserId, ParentUserId::new);
        }

        private ContactNames with(ContactNames names, JsonNode node, Function<String, CustomerName> parse) {
            if (node == null || !node.isTextual() || node.asText().isEmpty()) {
                return names;
            }
            try {
                return names.with(parse.apply(node.asText()));
            } catch (IllegalArgumentException e) {
                LOG.warn("webhook name left out: {}", e.getMessage());
                return names;
            }
        }
    }

    private static Optional<String> receipt(BusinessNumberId business, String messageId) {
        return messageId.isEmpty() ? Optional.empty() : Optional.of(business + ":msg:" + messageId);
    }

    /** The first message sent by the customer {@code names} name, by wa_id or user id. */
    private static Optional<JsonNode> firstMessageFrom(JsonNode messages, ContactNames names) {
        for (JsonNode message : messages) {
            boolean byNumber = names.waId().isPresent() && names.waId().get().value().equals(message.path("from").asText());
            boolean byUserId = names.userId().isPresent() && names.userId().get().value().equals(message.path("from_user_id").asText());
            if (byNumber || byUserId) {
                return Optional.of(message);
            }
        }
        return Optional.empty();
    }

    private static boolean hasError(JsonNode status, int code) {
        for (JsonNode error : status.path("errors")) {
            if (error.path("code").asInt() == code) {
                return true;
            }
        }
        return false;
    }

    private static JsonNode firstText(JsonNode... candidates) {
        for (JsonNode candidate : candidates) {
            if (candidate.isTextual() && !candidate.asText().isEmpty()) {
                return candidate;
            }
        }
        return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }

    private static Optional<BusinessNumberId> businessNumber(String value) {
        try {
            return Optional.of(new BusinessNumberId(value));
        } catch (IllegalArgumentException e) {
            LOG.warn("webhook change without a usable phone_number_id skipped");
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

    /**
     * WhatsApp's epoch-seconds timestamp. One more than a day ahead of our clock is not believed: it
     * would make every later signal look older than the contact's identity.
     */
    private Optional<Instant> timestamp(JsonNode node) {
        try {
            long seconds = Long.parseLong(node.asText(""));
            long latest = now.get().getEpochSecond() + MAX_CLOCK_SKEW_SECONDS;
            return seconds > 0 && seconds <= latest ? Optional.of(Instant.ofEpochSecond(seconds)) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
