package dev.trustgate.application.port.in;

import dev.trustgate.application.Caller;
import dev.trustgate.application.Requests;
import dev.trustgate.application.port.out.Subscription;
import dev.trustgate.domain.BusinessNumberId;
import java.util.List;
import java.util.Set;

/** The business's webhook endpoints for trust events. */
public interface ManageSubscriptionsUseCase {

    /** Creates a subscription; the returned secret is shown only here. */
    Created create(CreateCommand command);

    List<Subscription> list(Caller caller);

    void delete(Caller caller, String id);

    /**
     * Subscribe {@code url} to the business's trust events.
     *
     * @param eventTypes empty = every type
     * @param businesses empty = every business number the key may see
     */
    record CreateCommand(Caller caller, String url, Set<String> eventTypes, Set<BusinessNumberId> businesses) {
        public CreateCommand {
            Requests.required("caller", caller);
            Requests.text("url", url, 2000);
            eventTypes = Set.copyOf(Requests.required("eventTypes", eventTypes));
            businesses = Set.copyOf(Requests.required("phoneNumberIds", businesses));
        }
    }

    /** {@code secret} is {@code whsec_} + base64 of the HMAC key. */
    record Created(Subscription subscription, String secret) {
    }
}
