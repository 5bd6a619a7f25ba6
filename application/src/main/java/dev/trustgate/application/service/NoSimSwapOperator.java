package dev.trustgate.application.service;

import dev.trustgate.application.ErrorCode;
import dev.trustgate.application.TrustgateException;
import dev.trustgate.application.port.out.SimSwapOperator;
import dev.trustgate.application.port.out.SimSwapSubscription;
import dev.trustgate.domain.BusinessNumberId;
import dev.trustgate.domain.WaId;
import java.time.Instant;

/** No mobile operator's SIM-swap API is configured: every call is refused as unsupported (501), saying what to set. */
public final class NoSimSwapOperator implements SimSwapOperator {

    @Override
    public SimSwapSubscription subscribe(BusinessNumberId business, WaId number, Instant expireAt) {
        throw unconfigured();
    }

    @Override
    public boolean swappedWithin(WaId number, int maxAgeHours) {
        throw unconfigured();
    }

    private static TrustgateException unconfigured() {
        return new TrustgateException(ErrorCode.UNSUPPORTED_BY_PROVIDER,
                "no mobile operator's SIM-swap API is configured (CAMARA_API_ROOT and its credentials, docs/signals.md)");
    }
}
