package dev.trustgate.application.port.out;

import dev.trustgate.domain.BusinessNumberId;
import java.util.List;
import java.util.Optional;

/** The businesses' webhook endpoints. */
public interface SubscriptionStore {

    /** Inserts or replaces a subscription by id. */
    void save(Subscription subscription);

    Optional<Subscription> find(String id);

    List<Subscription> list();

    /** Enabled subscriptions that cover {@code business} (whatever event types they want). */
    List<Subscription> enabledFor(BusinessNumberId business);

    boolean delete(String id);
}
