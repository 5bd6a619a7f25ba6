package dev.trustgate.application.port.in;

import dev.trustgate.application.Caller;
import dev.trustgate.application.Requests;

/** The trust view of one contact; not found when trustgate never heard of it. */
public interface GetContactTrustUseCase {

    ContactTrustView get(Query query);

    /** The contact to show, as {@code caller} may see it. */
    record Query(Caller caller, ContactSelector contact) {
        public Query {
            Requests.required("caller", caller);
            Requests.required("contact", contact);
        }
    }
}
