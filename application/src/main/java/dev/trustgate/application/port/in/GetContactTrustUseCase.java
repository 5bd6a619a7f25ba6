package dev.trustgate.application.port.in;

import dev.trustgate.application.Caller;
import dev.trustgate.application.Requests;
import dev.trustgate.domain.Actor;
import dev.trustgate.domain.BusinessNumber;
import dev.trustgate.domain.ContactAction;
import dev.trustgate.domain.ContactTrust;
import java.util.Set;

/** The trust view of one contact; not found when trustgate never heard of it. */
public interface GetContactTrustUseCase {

    View get(Query query);

    record Query(Caller caller, ContactSelector contact) {
        public Query {
            Requests.required("caller", caller);
            Requests.required("contact", contact);
        }
    }

    /** The contact with what the gate would decide now. */
    record View(ContactTrust contact, BusinessNumber business, boolean sendAllowed, int heldMessages) {

        /** The view with what the gate decides now for a non-sensitive send. */
        public static View of(ContactTrust contact, BusinessNumber business, int heldMessages) {
            return new View(contact, business, contact.sendDecision(business, false).allowed(), heldMessages);
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
}
