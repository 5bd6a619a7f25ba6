package dev.trustgate.adapters.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trustgate.application.port.in.RecordIdentitySignalUseCase.Kind;
import dev.trustgate.application.port.in.RecordIdentitySignalUseCase.Signal;
import dev.trustgate.domain.BusinessNumberId;
import dev.trustgate.domain.ContactKey;
import dev.trustgate.domain.IdentityHash;
import dev.trustgate.domain.SignalSource;
import dev.trustgate.domain.WaId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a verified WhatsApp webhook into identity signals (DESIGN §4), in payload order: hashes on
 * inbound messages' contacts and on statuses are observations (baseline, or a change when they differ),
 * {@code customer_identity_changed} / {@code user_identity_changed} system messages are changes (to an
 * unknown identity when they name none), and a failed status with error 137000 is a refused send.
 * Items that cannot be read (a wa_id that is not digits, a hash outside base64) are skipped and counted;
 * everything else WhatsApp sends is ignored.
 */
public final class WhatsAppWebhookTranslator {

    private static final Logger LOG = LoggerFactory.getLogger(WhatsAppWebhookTranslator.class);
    private static final Set<String> IDENTITY_CHANGED = Set.of("customer_identity_changed", "user_identity_changed");
    private static final int IDENTITY_KEY_MISMATCH = 137000;
    private static final long MAX_CLOCK_SKEW_SECONDS = 86_400;

    /**
     * The signals of one webhook, how many items had to be skipped, the business number it is for (the
     * first one it names) and every contact it names.
     */
    public record Translation(List<Signal> signals, int skipped, Optional<BusinessNumberId> business, List<ContactKey> named) {
    }

    private final java.util.function.Supplier<Instant> now;

    public WhatsAppWebhookTranslator(java.util.function.Supplier<Instant> now) {
        this.now = now;
    }

    /**
     * @param onPremisesNumber the business number an On-Premises webhook (which names none) belongs to,
     *                         taken from the webhook URL
     */
    public Translation translate(JsonNode payload, Optional<BusinessNumberId> onPremisesNumber) {
        List<Signal> signals = new ArrayList<>();
        List<ContactKey> named = new ArrayList<>();
        List<BusinessNumberId> businesses = new ArrayList<>();
        int[] skipped = {0};
        if (payload.has("entry")) {
            for (JsonNode entry : payload.path("entry")) {
                for (JsonNode change : entry.path("changes")) {
                    if (!"messages".equals(change.path("field").asText())) {
                        continue;
                    }
                    JsonNode value = change.path("value");
                    Optional<BusinessNumberId> business = businessNumber(value.path("metadata").path("phone_number_id").asText(""));
                    if (business.isEmpty()) {
                        skipped[0]++;
                        continue;
                    }
                    businesses.add(business.get());
                    read(value, business.get(), signals, skipped);
                    named(value, business.get(), named);
                }
            }
        } else if (payload.has("messages") || payload.has("statuses")) {
            if (onPremisesNumber.isPresent()) {
                businesses.add(onPremisesNumber.get());
                read(payload, onPremisesNumber.get(), signals, skipped);
                named(payload, onPremisesNumber.get(), named);
            } else {
                LOG.info("On-Premises webhook without ?phone_number_id= in the URL: receipted, not applied");
                skipped[0]++;
            }
        }
        return new Translation(signals, skipped[0], businesses.stream().findFirst(), named);
    }

    /** Every customer a change value mentions: contacts, senders and status recipients. */
    private static void named(JsonNode value, BusinessNumberId business, List<ContactKey> named) {
        List<String> waIds = new ArrayList<>();
        value.path("contacts").forEach(c -> waIds.add(c.path("wa_id").asText("")));
        value.path("messages").forEach(m -> waIds.add(m.path("from").asText("")));
        value.path("statuses").forEach(s -> waIds.add(s.path("recipient_id").asText("")));
        for (String waId : waIds) {
            try {
                ContactKey key = new ContactKey(business, new WaId(waId));
                if (!named.contains(key)) {
                    named.add(key);
                }
            } catch (IllegalArgumentException e) {
                // not a phone number: nothing trustgate can say about it
            }
        }
    }

    private void read(JsonNode value, BusinessNumberId business, List<Signal> signals, int[] skipped) {
        JsonNode messages = value.path("messages");
        for (JsonNode contact : value.path("contacts")) {
            String hashText = contact.path("identity_key_hash").asText("");
            if (hashText.isEmpty()) {
                continue;
            }
            Optional<WaId> waId = waId(contact.path("wa_id").asText(""));
            Optional<IdentityHash> hash = hash(hashText);
            Optional<JsonNode> message = firstMessageFrom(messages, waId);
            Optional<Instant> asOf = message.flatMap(m -> timestamp(m.path("timestamp")));
            if (waId.isEmpty() || hash.isEmpty() || asOf.isEmpty()) {
                skipped[0]++;
                continue;
            }
            signals.add(new Signal(Optional.of(business + ":contact:" + message.get().path("id").asText()),
                    new ContactKey(business, waId.get()), Kind.OBSERVED, hash, asOf.get(), SignalSource.WHATSAPP_MESSAGE,
                    Optional.empty()));
        }
        for (JsonNode message : messages) {
            if (!"system".equals(message.path("type").asText()) || !IDENTITY_CHANGED.contains(message.path("system").path("type").asText())) {
                continue;
            }
            JsonNode system = message.path("system");
            Optional<WaId> waId = waId(firstText(system.path("wa_id"), system.path("customer"), system.path("user"),
                    message.path("from")));
            String identity = system.path("identity").asText("");
            Optional<IdentityHash> hash = identity.isEmpty() ? Optional.empty() : hash(identity);
            if (waId.isEmpty() || (!identity.isEmpty() && hash.isEmpty())) {
                skipped[0]++;
                continue;
            }
            // A notice without a usable time still blocks (fail closed), as of its arrival.
            Instant asOf = timestamp(message.path("timestamp")).orElseGet(now);
            signals.add(new Signal(receipt(business, "msg", message.path("id").asText()), new ContactKey(business, waId.get()),
                    Kind.CHANGED, hash, asOf, SignalSource.WHATSAPP_SYSTEM, Optional.empty()));
        }
        for (JsonNode status : value.path("statuses")) {
            Optional<WaId> waId = waId(status.path("recipient_id").asText(""));
            String hashText = status.path("recipient_identity_key_hash").asText("");
            Optional<IdentityHash> hash = hashText.isEmpty() ? Optional.empty() : hash(hashText);
            boolean mismatch = "failed".equals(status.path("status").asText()) && hasError(status, IDENTITY_KEY_MISMATCH);
            if (!mismatch && hashText.isEmpty()) {
                continue;
            }
            Optional<Instant> asOf = timestamp(status.path("timestamp"));
            String messageId = status.path("id").asText("");
            if (waId.isEmpty() || (!hashText.isEmpty() && hash.isEmpty()) || (!mismatch && asOf.isEmpty())
                    || (mismatch && messageId.isEmpty())) {
                skipped[0]++;
                continue;
            }
            ContactKey contact = new ContactKey(business, waId.get());
            Optional<String> receipt = receipt(business, "status",
                    messageId.isEmpty() ? "" : messageId + ":" + status.path("status").asText());
            signals.add(mismatch
                    ? new Signal(receipt, contact, Kind.SEND_REFUSED, hash, asOf.orElseGet(now),
                            SignalSource.WHATSAPP_IDENTITY_MISMATCH, Optional.of(messageId))
                    : new Signal(receipt, contact, Kind.OBSERVED, hash, asOf.get(), SignalSource.WHATSAPP_STATUS,
                            Optional.empty()));
        }
    }

    private static Optional<String> receipt(BusinessNumberId business, String kind, String id) {
        return id.isEmpty() ? Optional.empty() : Optional.of(business + ":" + kind + ":" + id);
    }

    private static Optional<JsonNode> firstMessageFrom(JsonNode messages, Optional<WaId> waId) {
        for (JsonNode message : messages) {
            if (waId.isPresent() && waId.get().value().equals(message.path("from").asText())) {
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

    private static String firstText(JsonNode... candidates) {
        for (JsonNode candidate : candidates) {
            if (candidate.isTextual() && !candidate.asText().isEmpty()) {
                return candidate.asText();
            }
        }
        return "";
    }

    private static Optional<BusinessNumberId> businessNumber(String value) {
        try {
            return Optional.of(new BusinessNumberId(value));
        } catch (IllegalArgumentException e) {
            LOG.warn("webhook change without a usable phone_number_id skipped");
            return Optional.empty();
        }
    }

    private static Optional<WaId> waId(String value) {
        try {
            return Optional.of(new WaId(value));
        } catch (IllegalArgumentException e) {
            LOG.warn("webhook item skipped: {}", e.getMessage());
            return Optional.empty();
        }
    }

    private static Optional<IdentityHash> hash(String value) {
        try {
            return Optional.of(new IdentityHash(value));
        } catch (IllegalArgumentException e) {
            LOG.warn("webhook item skipped: {}", e.getMessage());
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
