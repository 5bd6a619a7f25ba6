package dev.trustgate.application.port.in;

import dev.trustgate.application.Caller;
import dev.trustgate.application.Requests;
import dev.trustgate.application.port.out.ContactStore;
import dev.trustgate.domain.HeldMessage;
import java.util.Optional;

/** The messages held for a contact, oldest first, a page at a time. */
public interface ListHeldMessagesUseCase {

    /**
     * Up to {@code limit} held messages and, when there are more, the cursor of the next page (the id of this
     * page's last message).
     *
     * @throws IllegalArgumentException when {@code after} is not a message held for this contact
     */
    ContactStore.Page<HeldMessage> list(Query query);

    /**
     * One page of a contact's held messages, oldest first, at most {@code limit}.
     *
     * @param after the previous page's {@code next}: the id of the last message it showed
     */
    record Query(Caller caller, ContactSelector contact, Optional<String> after, int limit) {
        public Query {
            Requests.required("caller", caller);
            Requests.required("contact", contact);
            Requests.required("after", after);
            after.ifPresent(id -> Requests.text("after", id, 64));
            Requests.pageLimit(limit);
        }
    }
}
