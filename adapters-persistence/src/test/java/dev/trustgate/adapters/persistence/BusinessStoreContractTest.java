package dev.trustgate.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trustgate.domain.AcknowledgementPolicy;
import dev.trustgate.domain.BusinessNumber;
import dev.trustgate.domain.BusinessNumberId;
import dev.trustgate.domain.Fixtures;
import dev.trustgate.domain.SimSwapPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

@ParameterizedClass(name = "{0}")
@MethodSource("dev.trustgate.adapters.persistence.Storages#kinds")
class BusinessStoreContractTest extends StorageContract {

    BusinessStoreContractTest() {
        super("businesses");
    }

    @Test
    void savesInsertsThenReplaces() {
        BusinessNumberId id = new BusinessNumberId("106540352242922");
        assertThat(storage.tx(() -> storage.businesses().find(id))).isEmpty();

        BusinessNumber optedIn = BusinessNumber.unknown(id).optIn(Fixtures.T0);
        storage.tx(() -> {
            storage.businesses().save(optedIn);
            return null;
        });
        assertThat(storage.tx(() -> storage.businesses().find(id))).contains(optedIn);

        BusinessNumber changed = optedIn.withPolicy(AcknowledgementPolicy.FOUR_EYES).optOut(Fixtures.t(5));
        storage.tx(() -> {
            storage.businesses().save(changed);
            return null;
        });
        assertThat(storage.tx(() -> storage.businesses().find(id))).contains(changed);
    }

    @Test
    void keepsTheSimSwapPolicyBreakTrustUnlessToldOtherwise() {
        BusinessNumberId id = new BusinessNumberId("106540352242922");
        BusinessNumber plain = BusinessNumber.unknown(id).optIn(Fixtures.T0);
        storage.tx(() -> {
            storage.businesses().save(plain);
            return null;
        });
        assertThat(storage.tx(() -> storage.businesses().find(id)).orElseThrow().simSwapPolicy()).isEqualTo(SimSwapPolicy.BREAK_TRUST);

        BusinessNumber blocking = plain.withSimSwapPolicy(SimSwapPolicy.BLOCK).withSimSwapCheck(240);
        storage.tx(() -> {
            storage.businesses().save(blocking);
            return null;
        });
        assertThat(storage.tx(() -> storage.businesses().find(id))).contains(blocking);
    }
}
