package dev.trustgate.application.port.in;

import dev.trustgate.domain.Actor;
import dev.trustgate.domain.BusinessNumber;
import dev.trustgate.domain.ContactAction;
import dev.trustgate.domain.ContactTrust;
import java.util.Set;

/**
 * A contact as the use cases show it: its trust, the business's demands, what the gate would decide now for an
 * ordinary send, and how many of its messages are held.
 */
public record ContactTrustView(ContactTrust contact, BusinessNumber business, boolean sendAllowed, int heldMessages) {

    public ContactTrustView {
        if (contact == null || business == null) {
            throw new IllegalArgumentException("a contact view has a contact and its business");
        }
    }

    /** The view with what the gate decides now for a non-sensitive send. */
    public static ContactTrustView of(ContactTrust contact, BusinessNumber business, int heldMessages) {
        return new ContactTrustView(contact, business, contact.sendDecision(business, false).allowed(), heldMessages);
    }

    /**
     * What {@code caller} may do with the contact now: the commands the domain would not reject, given its state
     * and the business's acknowledgement policy (under four eyes, the key that acknowledged first is not offered
     * the second acknowledgement).
     */
    public Set<ContactAction> allowedActions(Actor caller) {
        return contact.allowedActions(business, caller);
    }
}
