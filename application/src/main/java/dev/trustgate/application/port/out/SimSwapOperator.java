package dev.trustgate.application.port.out;

import dev.trustgate.domain.BusinessNumberId;
import dev.trustgate.domain.WaId;
import java.time.Instant;

/**
 * A mobile operator's SIM-swap APIs (CAMARA SIM Swap Subscriptions and SIM Swap): subscriptions that send notices of
 * a number's SIM swaps to trustgate's sink with trustgate's sink credential, and the check whether a number's SIM was
 * swapped lately. Calls go over the network: never made inside a transaction.
 *
 * @throws dev.trustgate.application.TrustgateException upstream_error (from every method) when the operator does not
 *                                                      answer as its API says
 */
public interface SimSwapOperator {

    /**
     * Subscribes to SIM-swap notices of {@code number} (a customer of {@code business}) until {@code expireAt}.
     *
     * @return the subscription as the operator answered (its id, status and expiry), for {@code business}
     */
    SimSwapSubscription subscribe(BusinessNumberId business, WaId number, Instant expireAt);

    /** Whether the SIM of {@code number} was swapped within the last {@code maxAgeHours} hours (1 to 2400). */
    boolean swappedWithin(WaId number, int maxAgeHours);
}
