package dev.trustgate.application.port.out;

import dev.trustgate.domain.BusinessNumberId;
import dev.trustgate.domain.ContactKey;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The SIM-swap subscriptions trustgate holds at mobile operators and the notices they brought: which business number
 * a notice is for, whether it was received before, and the latest SIM swap applied to each contact. Used inside the
 * caller's transaction.
 */
public interface SimSwapStore {

    /** The subscription the operator calls {@code id}, if trustgate holds it. */
    Optional<SimSwapSubscription> subscription(String id);

    /** Every subscription of {@code business}, by id. */
    List<SimSwapSubscription> subscriptions(BusinessNumberId business);

    /** Inserts or replaces the subscription of that id. */
    void save(SimSwapSubscription subscription);

    /** Records {@code notice}; false (and nothing changed) when a notice of the same source and id was recorded before. */
    boolean record(SimSwapNotice notice);

    /** A SIM swap of time {@code asOf} was applied to {@code contact}: the latest one, unless a later one was before. */
    void applied(ContactKey contact, Instant asOf);

    /** The time of the latest SIM swap applied to {@code contact}, if any was. */
    Optional<Instant> lastApplied(ContactKey contact);
}
