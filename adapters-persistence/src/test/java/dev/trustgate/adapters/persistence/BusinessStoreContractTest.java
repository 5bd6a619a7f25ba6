package dev.trustgate.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trustgate.domain.AcknowledgementPolicy;
import dev.trustgate.domain.BusinessNumber;
import dev.trustgate.domain.BusinessNumberId;
import dev.trustgate.domain.Fixtures;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class BusinessStoreContractTest {

    abstract static class Contract extends StorageContract {

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

    @Nested
    class InMemory extends Contract {
        protected StorageUnderTest createStorage() {
            return Storages.inMemory();
        }
    }

    @Nested
    class H2 extends Contract {
        protected StorageUnderTest createStorage() {
            return Storages.h2("businesses");
        }
    }

    @Nested
    class Postgres extends Contract {
        protected StorageUnderTest createStorage() {
            return Storages.postgres("businesses");
        }
    }
}
