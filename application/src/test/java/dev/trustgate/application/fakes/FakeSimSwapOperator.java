package dev.trustgate.application.fakes;

import dev.trustgate.application.ErrorCode;
import dev.trustgate.application.TrustgateException;
import dev.trustgate.application.port.out.SimSwapOperator;
import dev.trustgate.application.port.out.SimSwapSubscription;
import dev.trustgate.domain.BusinessNumberId;
import dev.trustgate.domain.WaId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** A mobile operator in memory: records subscriptions asked for, answers checks from the numbers told swapped. */
public final class FakeSimSwapOperator implements SimSwapOperator {

    private final List<WaId> subscribed = new ArrayList<>();
    private final Set<WaId> swapped = new HashSet<>();
    private int failAfter = Integer.MAX_VALUE;
    private Runnable whileChecking = () -> { };

    @Override
    public synchronized SimSwapSubscription subscribe(BusinessNumberId business, WaId number, Instant expireAt) {
        if (subscribed.size() >= failAfter) {
            throw new TrustgateException(ErrorCode.UPSTREAM_ERROR, "the operator answered 503");
        }
        subscribed.add(number);
        return new SimSwapSubscription("sub-" + subscribed.size(), business, number, SimSwapSubscription.Status.ACTIVATION_REQUESTED,
                expireAt.minusSeconds(30L * 86_400), Optional.empty(), Optional.of(expireAt));
    }

    @Override
    public boolean swappedWithin(WaId number, int maxAgeHours) {
        Runnable meanwhile;
        synchronized (this) {
            meanwhile = whileChecking;
            whileChecking = () -> { };
        }
        meanwhile.run();
        synchronized (this) {
            return swapped.contains(number);
        }
    }

    /** The numbers subscribed, in order. */
    public synchronized List<WaId> subscribed() {
        return List.copyOf(subscribed);
    }

    /** The operator reports {@code number}'s SIM as swapped lately. */
    public synchronized void swap(WaId number) {
        swapped.add(number);
    }

    /** {@code action} happens while the next check is answered (once), as another request might meanwhile. */
    public synchronized void whileChecking(Runnable action) {
        whileChecking = action;
    }

    /** The operator fails every subscription after {@code count} more succeeded. */
    public synchronized void failAfter(int count) {
        failAfter = subscribed.size() + count;
    }
}
