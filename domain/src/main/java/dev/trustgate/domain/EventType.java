package dev.trustgate.domain;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every kind of {@link TrustEvent}, once: the stable dotted name clients subscribe to and read in the feed
 * ({@link #code()}), and how a person reads it ({@link #title()}). The server lists them for its clients, so no
 * client keeps a copy.
 */
public enum EventType {
    IDENTITY_BASELINE("identity.baseline", "Identity first seen"),
    IDENTITY_CHANGED("identity.changed", "Identity changed: messages blocked"),
    TRUST_BROKEN("trust.broken", "Trust broken by the identity change"),
    REAUTHENTICATION_STARTED("reauthentication.started", "Re-authentication started"),
    REAUTHENTICATION_CANCELLED("reauthentication.cancelled", "Re-authentication cancelled"),
    REAUTHENTICATION_SUCCEEDED("reauthentication.succeeded", "Re-authentication passed"),
    REAUTHENTICATION_FAILED("reauthentication.failed", "Re-authentication failed"),
    IDENTITY_ACKNOWLEDGEMENT_REQUESTED("identity.acknowledgement_requested",
            "First acknowledgement (a second operator must confirm)"),
    IDENTITY_ACKNOWLEDGED("identity.acknowledged", "Identity change acknowledged: messages allowed"),
    IDENTITY_OVERRIDDEN("identity.overridden", "Unknown identity cleared by override"),
    TRUST_ESTABLISHED("trust.established", "Authenticated: trusted"),
    TRUST_REVOKED("trust.revoked", "Trust broken by the business"),
    MESSAGE_BLOCKED("message.blocked", "Message blocked"),
    MESSAGE_HELD("message.held", "Message held"),
    MESSAGE_RELEASED("message.released", "Held message released"),
    MESSAGE_DISCARDED("message.discarded", "Held message discarded"),
    MESSAGE_SENT_ACROSS_CHANGE("message.sent_across_change",
            "A message left while the identity changed: it may have reached the new owner"),
    CONTACT_NUMBER_CHANGED("contact.number_changed", "Moved to another number; the old number is blocked"),
    CONTACT_MERGED("contact.merged", "Found to be the same person as another contact: merged"),
    CONTACT_SIM_SWAPPED("contact.sim_swapped", "The mobile operator reported a SIM swap of the customer's number");

    private static final Map<String, EventType> BY_CODE = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(EventType::code, Function.identity()));

    private final String code;
    private final String title;

    EventType(String code, String title) {
        this.code = code;
        this.title = title;
    }

    /** The dotted lower-case name on the wire, e.g. {@code identity.changed}. */
    public String code() {
        return code;
    }

    /** What happened, in a few words for a person. */
    public String title() {
        return title;
    }

    /** The type named {@code code} on the wire, if there is one. */
    public static Optional<EventType> ofCode(String code) {
        return Optional.ofNullable(code).map(BY_CODE::get);
    }
}
