package dev.trustgate.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trustgate.domain.AcknowledgementPolicy;
import dev.trustgate.domain.BusinessNumber;
import dev.trustgate.domain.BusinessNumberId;
import dev.trustgate.domain.Fixtures;
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
}
