package dev.trustgate.application.port.in;

import dev.trustgate.application.Caller;
import dev.trustgate.application.Requests;
import dev.trustgate.application.port.out.HeldMessage;
import java.util.List;

/** The messages held for a contact, oldest first. */
public interface ListHeldMessagesUseCase {

    List<HeldMessage> list(Query query);

    record Query(Caller caller, ContactSelector contact) {
        public Query {
            Requests.required("caller", caller);
            Requests.required("contact", contact);
        }
    }
}
