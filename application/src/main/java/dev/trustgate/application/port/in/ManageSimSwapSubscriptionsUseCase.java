package dev.trustgate.application.port.in;

import dev.trustgate.application.Caller;
import dev.trustgate.application.port.out.SimSwapSubscription;
import dev.trustgate.domain.BusinessNumberId;
import java.util.List;

/**
 * The SIM-swap subscriptions trustgate holds at the mobile operator for a business number's customers (admin only):
 * subscribing every customer known by a phone number who has no live subscription (none yet, or one that ended or
 * expires within a day: that is renewal), and listing them.
 */
public interface ManageSimSwapSubscriptionsUseCase {

    /**
     * Subscribes every customer of {@code business} known by a phone number who has no live subscription.
     *
     * @return the business's subscriptions afterwards, by id
     * @throws dev.trustgate.application.TrustgateException upstream_error when the operator fails (subscriptions made
     *                                                      before the failure are kept)
     */
    List<SimSwapSubscription> subscribe(Caller caller, BusinessNumberId business);

    /** The business's subscriptions, by id. */
    List<SimSwapSubscription> list(Caller caller, BusinessNumberId business);
}
