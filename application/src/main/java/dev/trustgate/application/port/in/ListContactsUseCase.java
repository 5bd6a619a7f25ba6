package dev.trustgate.application.port.in;

import dev.trustgate.application.Caller;
import dev.trustgate.application.Requests;
import dev.trustgate.domain.BusinessNumberId;
import dev.trustgate.domain.TrustState;
import java.util.Optional;

/** Contacts of a business, e.g. every blocked customer. */
public interface ListContactsUseCase {

    /** Each contact as {@link GetContactTrustUseCase} shows it: what the gate decides now, held messages counted. */
    ContactList list(Query query);

    /** A page of a business's contacts, optionally only those in {@code state}, after the cursor {@code after}. */
    record Query(Caller caller, BusinessNumberId business, Optional<TrustState> state, Optional<String> after, int limit) {
        public Query {
            Requests.required("caller", caller);
            Requests.required("phoneNumberId", business);
            Requests.required("state", state);
            Requests.required("cursor", after);
            Requests.pageLimit(limit);
        }
    }
}
