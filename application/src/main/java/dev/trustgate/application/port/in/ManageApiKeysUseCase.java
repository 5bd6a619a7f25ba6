package dev.trustgate.application.port.in;

import dev.trustgate.application.Caller;
import dev.trustgate.application.Requests;
import dev.trustgate.application.port.out.ApiKey;
import dev.trustgate.domain.BusinessNumberId;
import java.util.List;
import java.util.Set;

/** API keys scoped to business numbers: created by the admin, shown once, stored hashed, revocable. */
public interface ManageApiKeysUseCase {

    Created create(CreateCommand command);

    List<ApiKey> list(Caller caller);

    void revoke(Caller caller, String id);

    /** Create an API key named {@code name} for the given business numbers (admin only). */
    record CreateCommand(Caller caller, String name, Set<BusinessNumberId> businesses) {
        public CreateCommand {
            Requests.required("caller", caller);
            Requests.text("name", name, 100);
            businesses = Set.copyOf(Requests.required("phoneNumberIds", businesses));
            if (businesses.isEmpty()) {
                throw new IllegalArgumentException("phoneNumberIds must name at least one business number");
            }
        }
    }

    /** {@code key} is the secret itself, shown only here. */
    record Created(ApiKey apiKey, String key) {
    }
}
