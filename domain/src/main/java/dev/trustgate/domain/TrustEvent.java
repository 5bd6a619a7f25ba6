package dev.trustgate.domain;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Something that happened to a contact's trust, told to the business and kept in the audit trail.
 * {@link #eventType()} names the kind of event (its {@link #type()} is the stable dotted name clients subscribe
 * to); {@link #data()} gives the details as ordered text, so the audit hash of an event is the same on every
 * machine. The details are the event's own typed fields, each written as text by {@link Data} in one way.
 */
public sealed interface TrustEvent {

    ContactRef contact();

    Instant at();

    Actor actor();

    EventType eventType();

    /** The stable dotted name of this kind of event, e.g. {@code identity.changed}. */
    default String type() {
        return eventType().code();
    }

    Map<String, String> data();

    /** The first identity hash seen for the contact became its baseline (trust on first use); nothing is blocked. */
    record IdentityBaseline(ContactRef contact, Instant at, IdentityHash hash, Instant asOf, SignalSource source)
            implements TrustEvent {
        public Actor actor() {
            return Actor.WHATSAPP;
        }

        public EventType eventType() {
            return EventType.IDENTITY_BASELINE;
        }

        public Map<String, String> data() {
            return new Data().hash("identityHash", hash).time("asOf", asOf).code("source", source.code()).map();
        }
    }

    /** WhatsApp reported another identity ({@code newHash} empty when unknown); {@code blocking} when it stops sends. */
    record IdentityChanged(ContactRef contact, Instant at, Actor actor, ChangeId changeId,
                           Optional<IdentityHash> previousHash, Optional<IdentityHash> newHash,
                           Instant asOf, SignalSource source, boolean blocking) implements TrustEvent {
        public EventType eventType() {
            return EventType.IDENTITY_CHANGED;
        }

        public Map<String, String> data() {
            return new Data().id("changeId", changeId).hash("previousHash", previousHash).hash("identityHash", newHash)
                    .flag("identityKnown", newHash.isPresent()).time("asOf", asOf).code("source", source.code())
                    .flag("blocking", blocking).map();
        }
    }

    /** The contact's trust was broken by an identity change; {@code previousState} is where it stood. */
    record TrustBroken(ContactRef contact, Instant at, Actor actor, TrustState previousState, String cause)
            implements TrustEvent {
        public EventType eventType() {
            return EventType.TRUST_BROKEN;
        }

        public Map<String, String> data() {
            return new Data().state("previousState", previousState).text("cause", cause).map();
        }
    }

    /** The business started re-authenticating the customer for the pending change {@code changeId}. */
    record ReauthenticationStarted(ContactRef contact, Instant at, Actor actor, ReauthenticationId reauthenticationId,
                                   ChangeId changeId) implements TrustEvent {
        public EventType eventType() {
            return EventType.REAUTHENTICATION_STARTED;
        }

        public Map<String, String> data() {
            return new Data().id("reauthenticationId", reauthenticationId).id("changeId", changeId).map();
        }
    }

    /** A running re-authentication was cancelled ({@code cause}). */
    record ReauthenticationCancelled(ContactRef contact, Instant at, Actor actor, ReauthenticationId reauthenticationId,
                                     String cause) implements TrustEvent {
        public EventType eventType() {
            return EventType.REAUTHENTICATION_CANCELLED;
        }

        public Map<String, String> data() {
            return new Data().id("reauthenticationId", reauthenticationId).text("cause", cause).map();
        }
    }

    /** The re-authentication passed: the pending identity is vouched for; sends stay blocked until acknowledged. */
    record ReauthenticationSucceeded(ContactRef contact, Instant at, Actor actor, ReauthenticationId reauthenticationId,
                                     Evidence evidence) implements TrustEvent {
        public EventType eventType() {
            return EventType.REAUTHENTICATION_SUCCEEDED;
        }

        public Map<String, String> data() {
            return new Data().id("reauthenticationId", reauthenticationId).evidence(evidence).map();
        }
    }

    /** The re-authentication failed; {@code attempts} counts the failed tries of this change. */
    record ReauthenticationFailed(ContactRef contact, Instant at, Actor actor, ReauthenticationId reauthenticationId,
                                  int attempts, Evidence evidence) implements TrustEvent {
        public EventType eventType() {
            return EventType.REAUTHENTICATION_FAILED;
        }

        public Map<String, String> data() {
            return new Data().id("reauthenticationId", reauthenticationId).count("attempts", attempts).evidence(evidence).map();
        }
    }

    /** The first of two acknowledgements under four eyes: the change waits for a second key. */
    record IdentityAcknowledgementRequested(ContactRef contact, Instant at, Actor actor, ChangeId changeId,
                                            Optional<IdentityHash> hash, Evidence evidence) implements TrustEvent {
        public EventType eventType() {
            return EventType.IDENTITY_ACKNOWLEDGEMENT_REQUESTED;
        }

        public Map<String, String> data() {
            return new Data().id("changeId", changeId).hash("identityHash", hash).evidence(evidence).map();
        }
    }

    /** The business acknowledged the change to {@code hash}: sends are allowed again, pinned to it. */
    record IdentityAcknowledged(ContactRef contact, Instant at, Actor actor, ChangeId changeId, IdentityHash hash,
                                boolean trusted, Optional<Actor> firstAcknowledger, Evidence evidence)
            implements TrustEvent {
        public EventType eventType() {
            return EventType.IDENTITY_ACKNOWLEDGED;
        }

        public Map<String, String> data() {
            return new Data().id("changeId", changeId).hash("identityHash", hash).flag("trusted", trusted)
                    .actor("firstAcknowledger", firstAcknowledger).evidence(evidence).map();
        }
    }

    /** The business cleared a change to an unknown identity ({@code reason}); sends go unpinned until the next hash. */
    record IdentityOverridden(ContactRef contact, Instant at, Actor actor, ChangeId changeId, String reason,
                              Optional<Actor> firstAcknowledger) implements TrustEvent {
        public EventType eventType() {
            return EventType.IDENTITY_OVERRIDDEN;
        }

        public Map<String, String> data() {
            return new Data().id("changeId", changeId).text("reason", reason).actor("firstAcknowledger", firstAcknowledger).map();
        }
    }

    /** The contact became trusted: authenticated by the business, or re-authenticated for the change it acknowledged. */
    record TrustEstablished(ContactRef contact, Instant at, Actor actor, Optional<IdentityHash> hash, Evidence evidence)
            implements TrustEvent {
        public EventType eventType() {
            return EventType.TRUST_ESTABLISHED;
        }

        public Map<String, String> data() {
            return new Data().hash("identityHash", hash).evidence(evidence).map();
        }
    }

    /** The business revoked the contact's trust ({@code reason}); {@code previousState} is where it stood. */
    record TrustRevoked(ContactRef contact, Instant at, Actor actor, TrustState previousState, String reason)
            implements TrustEvent {
        public EventType eventType() {
            return EventType.TRUST_REVOKED;
        }

        public Map<String, String> data() {
            return new Data().state("previousState", previousState).text("reason", reason).map();
        }
    }

    /** The gate refused a send to the contact for {@code reason}. */
    record MessageBlocked(ContactRef contact, Instant at, Actor actor, BlockReason reason, boolean sensitive)
            implements TrustEvent {
        public EventType eventType() {
            return EventType.MESSAGE_BLOCKED;
        }

        public Map<String, String> data() {
            return new Data().code("reason", reason.code()).flag("sensitive", sensitive).map();
        }
    }

    /** The gate refused a send and kept it as held message {@code heldMessageId}. */
    record MessageHeld(ContactRef contact, Instant at, Actor actor, String heldMessageId, BlockReason reason,
                       boolean sensitive) implements TrustEvent {
        public EventType eventType() {
            return EventType.MESSAGE_HELD;
        }

        public Map<String, String> data() {
            return new Data().text("heldMessageId", heldMessageId).code("reason", reason.code()).flag("sensitive", sensitive).map();
        }
    }

    /** A held message was released and sent as {@code messageId}. */
    record MessageReleased(ContactRef contact, Instant at, Actor actor, String heldMessageId, String messageId,
                           Optional<IdentityHash> pin) implements TrustEvent {
        public EventType eventType() {
            return EventType.MESSAGE_RELEASED;
        }

        public Map<String, String> data() {
            return new Data().text("heldMessageId", heldMessageId).text("messageId", messageId).hash("pinnedIdentityHash", pin).map();
        }
    }

    /** {@code merged} was found to be the same WhatsApp user as this contact and was folded into it. */
    record ContactMerged(ContactRef contact, Instant at, ContactRef merged, TrustState previousState, TrustState mergedState,
                         TrustState state) implements TrustEvent {
        public Actor actor() {
            return Actor.WHATSAPP;
        }

        public EventType eventType() {
            return EventType.CONTACT_MERGED;
        }

        public Map<String, String> data() {
            return new Data().id("mergedContactId", merged.id()).name("mergedWaId", merged.names().waId())
                    .name("mergedUserId", merged.names().userId()).name("mergedParentUserId", merged.names().parentUserId())
                    .state("previousState", previousState).state("mergedState", mergedState).state("state", state)
                    .flag("blocking", state.blocksSends()).map();
        }
    }

    /** The customer moved to another number with their account; {@code detached} is the contact the old number became. */
    record ContactNumberChanged(ContactRef contact, Instant at, Optional<WaId> previousWaId, Optional<ContactId> detached)
            implements TrustEvent {
        public Actor actor() {
            return Actor.WHATSAPP;
        }

        public EventType eventType() {
            return EventType.CONTACT_NUMBER_CHANGED;
        }

        public Map<String, String> data() {
            return new Data().name("previousWaId", previousWaId).id("detachedContactId", detached).map();
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

        public EventType eventType() {
            return EventType.MESSAGE_SENT_ACROSS_CHANGE;
        }

        public Map<String, String> data() {
            return new Data().text("messageId", messageId).text("whatsappMessageId", whatsappMessageId)
                    .hash("pinnedIdentityHash", pin).flag("pinned", pin.isPresent()).map();
        }
    }

    /**
     * The mobile operator reported that the customer's number moved to another SIM card at {@code asOf}; the business's
     * {@code policy} decided what it did: {@code blocking} when every send stops, else trust is broken.
     */
    record SimSwapped(ContactRef contact, Instant at, Instant asOf, SimSwapPolicy policy, TrustState previousState,
                      boolean blocking) implements TrustEvent {
        public Actor actor() {
            return Actor.TRUSTGATE;
        }

        public EventType eventType() {
            return EventType.CONTACT_SIM_SWAPPED;
        }

        public Map<String, String> data() {
            return new Data().time("asOf", asOf).code("source", SignalSource.SIM_SWAP.code()).code("policy", policy.code())
                    .state("previousState", previousState).flag("blocking", blocking).map();
        }
    }

    /** A held message was discarded for good. */
    record MessageDiscarded(ContactRef contact, Instant at, Actor actor, String heldMessageId) implements TrustEvent {
        public EventType eventType() {
            return EventType.MESSAGE_DISCARDED;
        }

        public Map<String, String> data() {
            return new Data().text("heldMessageId", heldMessageId).map();
        }
    }

    /**
     * Writes an event's typed fields as its data: text under fixed keys, in the order written, absent values left
     * out. Each kind of value has its own method, so a hash, an instant, a state or a flag reads the same in every
     * event and nothing but those kinds can be written.
     */
    final class Data {
        private final Map<String, String> values = new LinkedHashMap<>();

        Data text(String key, String text) {
            return put(key, text);
        }

        /** A code from a closed set: a signal source, a block reason. */
        Data code(String key, String code) {
            return put(key, code);
        }

        Data id(String key, ChangeId id) {
            return put(key, id.value());
        }

        Data id(String key, ReauthenticationId id) {
            return put(key, id.value());
        }

        Data id(String key, ContactId id) {
            return put(key, id.value());
        }

        Data id(String key, Optional<ContactId> id) {
            return put(key, id.map(ContactId::value).orElse(null));
        }

        Data hash(String key, IdentityHash hash) {
            return put(key, hash.value());
        }

        Data hash(String key, Optional<IdentityHash> hash) {
            return put(key, hash.map(IdentityHash::value).orElse(null));
        }

        Data name(String key, Optional<? extends CustomerName> name) {
            return put(key, name.map(CustomerName::value).orElse(null));
        }

        Data time(String key, Instant at) {
            return put(key, at.toString());
        }

        Data flag(String key, boolean flag) {
            return put(key, Boolean.toString(flag));
        }

        Data count(String key, int count) {
            return put(key, Integer.toString(count));
        }

        Data state(String key, TrustState state) {
            return put(key, state.name());
        }

        Data actor(String key, Optional<Actor> actor) {
            return put(key, actor.map(Actor::id).orElse(null));
        }

        /** The evidence's fields, after the event's own (which win should a key repeat). */
        Data evidence(Evidence evidence) {
            evidence.asMap().forEach(values::putIfAbsent);
            return this;
        }

        Map<String, String> map() {
            return Collections.unmodifiableMap(new LinkedHashMap<>(values));
        }

        private Data put(String key, String value) {
            if (value != null) {
                values.put(key, value);
            }
            return this;
        }
    }
}
