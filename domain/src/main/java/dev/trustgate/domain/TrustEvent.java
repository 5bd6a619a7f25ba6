package dev.trustgate.domain;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Something that happened to a contact's trust, told to the business and kept in the audit trail.
 * {@link #type()} is the stable dotted name clients subscribe to; {@link #data()} the details as
 * ordered text, so the audit hash of an event is the same on every machine.
 */
public sealed interface TrustEvent {

    ContactRef contact();

    Instant at();

    Actor actor();

    String type();

    Map<String, String> data();

    record IdentityBaseline(ContactRef contact, Instant at, IdentityHash hash, Instant asOf, SignalSource source)
            implements TrustEvent {
        public Actor actor() {
            return Actor.WHATSAPP;
        }

        public String type() {
            return "identity.baseline";
        }

        public Map<String, String> data() {
            return Data.of("identityHash", hash, "asOf", asOf, "source", source.code());
        }
    }

    record IdentityChanged(ContactRef contact, Instant at, Actor actor, ChangeId changeId,
                           Optional<IdentityHash> previousHash, Optional<IdentityHash> newHash,
                           Instant asOf, SignalSource source, boolean blocking) implements TrustEvent {
        public String type() {
            return "identity.changed";
        }

        public Map<String, String> data() {
            return Data.of("changeId", changeId, "previousHash", previousHash.orElse(null),
                    "identityHash", newHash.orElse(null), "identityKnown", newHash.isPresent(),
                    "asOf", asOf, "source", source.code(), "blocking", blocking);
        }
    }

    record TrustBroken(ContactRef contact, Instant at, Actor actor, TrustState previousState, String cause)
            implements TrustEvent {
        public String type() {
            return "trust.broken";
        }

        public Map<String, String> data() {
            return Data.of("previousState", previousState, "cause", cause);
        }
    }

    record ReauthenticationStarted(ContactRef contact, Instant at, Actor actor, ReauthenticationId reauthenticationId,
                                   ChangeId changeId) implements TrustEvent {
        public String type() {
            return "reauthentication.started";
        }

        public Map<String, String> data() {
            return Data.of("reauthenticationId", reauthenticationId, "changeId", changeId);
        }
    }

    record ReauthenticationCancelled(ContactRef contact, Instant at, Actor actor, ReauthenticationId reauthenticationId,
                                     String cause) implements TrustEvent {
        public String type() {
            return "reauthentication.cancelled";
        }

        public Map<String, String> data() {
            return Data.of("reauthenticationId", reauthenticationId, "cause", cause);
        }
    }

    record ReauthenticationSucceeded(ContactRef contact, Instant at, Actor actor, ReauthenticationId reauthenticationId,
                                     Evidence evidence) implements TrustEvent {
        public String type() {
            return "reauthentication.succeeded";
        }

        public Map<String, String> data() {
            return Data.with(Data.of("reauthenticationId", reauthenticationId), evidence);
        }
    }

    record ReauthenticationFailed(ContactRef contact, Instant at, Actor actor, ReauthenticationId reauthenticationId,
                                  int attempts, Evidence evidence) implements TrustEvent {
        public String type() {
            return "reauthentication.failed";
        }

        public Map<String, String> data() {
            return Data.with(Data.of("reauthenticationId", reauthenticationId, "attempts", attempts), evidence);
        }
    }

    record IdentityAcknowledgementRequested(ContactRef contact, Instant at, Actor actor, ChangeId changeId,
                                            Optional<IdentityHash> hash, Evidence evidence) implements TrustEvent {
        public String type() {
            return "identity.acknowledgement_requested";
        }

        public Map<String, String> data() {
            return Data.with(Data.of("changeId", changeId, "identityHash", hash.orElse(null)), evidence);
        }
    }

    record IdentityAcknowledged(ContactRef contact, Instant at, Actor actor, ChangeId changeId, IdentityHash hash,
                                boolean trusted, Optional<Actor> firstAcknowledger, Evidence evidence)
            implements TrustEvent {
        public String type() {
            return "identity.acknowledged";
        }

        public Map<String, String> data() {
            return Data.with(Data.of("changeId", changeId, "identityHash", hash, "trusted", trusted,
                    "firstAcknowledger", firstAcknowledger.orElse(null)), evidence);
        }
    }

    record IdentityOverridden(ContactRef contact, Instant at, Actor actor, ChangeId changeId, String reason,
                              Optional<Actor> firstAcknowledger) implements TrustEvent {
        public String type() {
            return "identity.overridden";
        }

        public Map<String, String> data() {
            return Data.of("changeId", changeId, "reason", reason, "firstAcknowledger", firstAcknowledger.orElse(null));
        }
    }

    record TrustEstablished(ContactRef contact, Instant at, Actor actor, Optional<IdentityHash> hash, Evidence evidence)
            implements TrustEvent {
        public String type() {
            return "trust.established";
        }

        public Map<String, String> data() {
            return Data.with(Data.of("identityHash", hash.orElse(null)), evidence);
        }
    }

    record TrustRevoked(ContactRef contact, Instant at, Actor actor, TrustState previousState, String reason)
            implements TrustEvent {
        public String type() {
            return "trust.revoked";
        }

        public Map<String, String> data() {
            return Data.of("previousState", previousState, "reason", reason);
        }
    }

    record MessageBlocked(ContactRef contact, Instant at, Actor actor, BlockReason reason, boolean sensitive)
            implements TrustEvent {
        public String type() {
            return "message.blocked";
        }

        public Map<String, String> data() {
            return Data.of("reason", reason.code(), "sensitive", sensitive);
        }
    }

    record MessageHeld(ContactRef contact, Instant at, Actor actor, String heldMessageId, BlockReason reason,
                       boolean sensitive) implements TrustEvent {
        public String type() {
            return "message.held";
        }

        public Map<String, String> data() {
            return Data.of("heldMessageId", heldMessageId, "reason", reason.code(), "sensitive", sensitive);
        }
    }

    record MessageReleased(ContactRef contact, Instant at, Actor actor, String heldMessageId, String messageId,
                           Optional<IdentityHash> pin) implements TrustEvent {
        public String type() {
            return "message.released";
        }

        public Map<String, String> data() {
            return Data.of("heldMessageId", heldMessageId, "messageId", messageId, "pinnedIdentityHash", pin.orElse(null));
        }
    }

    /** {@code merged} was found to be the same WhatsApp user as this contact and was folded into it. */
    record ContactMerged(ContactRef contact, Instant at, ContactRef merged, TrustState previousState, TrustState mergedState,
                         TrustState state) implements TrustEvent {
        public Actor actor() {
            return Actor.WHATSAPP;
        }

        public String type() {
            return "contact.merged";
        }

        public Map<String, String> data() {
            return Data.of("mergedContactId", merged.id(), "mergedWaId", merged.names().waId().map(WaId::value).orElse(null),
                    "mergedUserId", merged.names().userId().map(UserId::value).orElse(null),
                    "mergedParentUserId", merged.names().parentUserId().map(ParentUserId::value).orElse(null),
                    "previousState", previousState, "mergedState", mergedState, "state", state,
                    "blocking", state.blocksSends());
        }
    }

    /** The customer moved to another number with their account; {@code detached} is the contact the old number became. */
    record ContactNumberChanged(ContactRef contact, Instant at, Optional<WaId> previousWaId, Optional<ContactId> detached)
            implements TrustEvent {
        public Actor actor() {
            return Actor.WHATSAPP;
        }

        public String type() {
            return "contact.number_changed";
        }

        public Map<String, String> data() {
            return Data.of("previousWaId", previousWaId.map(WaId::value).orElse(null),
                    "detachedContactId", detached.map(ContactId::value).orElse(null));
        }
    }

    /**
     * A send decided while the customer's identity was unchanged left while an identity change of them
     * committed: the message may have reached whoever has the account now ({@code pin} empty: WhatsApp could
     * not stop it either).
     */
    record MessageSentAcrossChange(ContactRef contact, Instant at, String messageId, String whatsappMessageId,
                                   Optional<IdentityHash> pin) implements TrustEvent {
        public Actor actor() {
            return Actor.TRUSTGATE;
        }

        public String type() {
            return "message.sent_across_change";
        }

        public Map<String, String> data() {
            return Data.of("messageId", messageId, "whatsappMessageId", whatsappMessageId,
                    "pinnedIdentityHash", pin.orElse(null), "pinned", pin.isPresent());
        }
    }

    record MessageDiscarded(ContactRef contact, Instant at, Actor actor, String heldMessageId) implements TrustEvent {
        public String type() {
            return "message.discarded";
        }

        public Map<String, String> data() {
            return Data.of("heldMessageId", heldMessageId);
        }
    }

    /** Builds the ordered, text-only data maps of events. Absent values are left out. */
    final class Data {
        private Data() {
        }

        static Map<String, String> of(Object... keysAndValues) {
            Map<String, String> map = new LinkedHashMap<>();
            for (int i = 0; i < keysAndValues.length; i += 2) {
                Object value = keysAndValues[i + 1];
                if (value != null) {
                    map.put((String) keysAndValues[i], value.toString());
                }
            }
            return Collections.unmodifiableMap(map);
        }

        static Map<String, String> with(Map<String, String> base, Evidence evidence) {
            Map<String, String> map = new LinkedHashMap<>(base);
            evidence.asMap().forEach(map::putIfAbsent);
            return Collections.unmodifiableMap(map);
        }
    }
}
