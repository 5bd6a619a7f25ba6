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

    @Test
    void aNumberChangedInATransactionIsReadChangedInTheSameTransaction() {
        BusinessNumberId id = new BusinessNumberId("106540352242922");
        BusinessNumber notOptedIn = BusinessNumber.unknown(id);
        storage.tx(() -> {
            storage.businesses().save(notOptedIn);
            return null;
        });
        BusinessNumber optedIn = notOptedIn.optIn(Fixtures.T0);

        BusinessNumber[] seen = storage.tx(() -> {
            BusinessNumber before = storage.businesses().find(id).orElseThrow();
            storage.businesses().save(storage.businesses().findOrUnknownForUpdate(id).optIn(Fixtures.T0));
            return new BusinessNumber[] {before, storage.businesses().find(id).orElseThrow(),
                    storage.businesses().findForUpdate(id).orElseThrow()};
        });

        assertThat(seen).containsExactly(notOptedIn, optedIn, optedIn);
    }

    @Test
    void aNumberCreatedInATransactionIsFoundInIt() {
        BusinessNumberId id = new BusinessNumberId("106540352242922");
        BusinessNumber optedIn = BusinessNumber.unknown(id).optIn(Fixtures.T0);

        var seen = storage.tx(() -> {
            boolean missingBefore = storage.businesses().find(id).isEmpty();
            storage.businesses().save(optedIn);
            return java.util.Map.entry(missingBefore, storage.businesses().find(id));
        });

        assertThat(seen.getKey()).isTrue();
        assertThat(seen.getValue()).contains(optedIn);
    }

    @Test
    void aTransactionReadsWhatAnotherCommittedBeforeItStarted() {
        BusinessNumberId id = new BusinessNumberId("106540352242922");
        BusinessNumber optedIn = BusinessNumber.unknown(id).optIn(Fixtures.T0);
        storage.tx(() -> {
            storage.businesses().save(optedIn);
            return null;
        });
        assertThat(storage.tx(() -> storage.businesses().find(id))).contains(optedIn);

        BusinessNumber optedOut = optedIn.optOut(Fixtures.t(5));
        storage.tx(() -> {
            storage.businesses().save(optedOut);
            return null;
        });

        assertThat(storage.tx(() -> storage.businesses().find(id))).contains(optedOut);
        assertThat(storage.tx(() -> storage.businesses().findForUpdate(id))).contains(optedOut);
    }
}
