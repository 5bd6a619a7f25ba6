package dev.trustgate.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trustgate.application.port.out.ApiKey;
import dev.trustgate.domain.BusinessNumberId;
import dev.trustgate.domain.Fixtures;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

@ParameterizedClass(name = "{0}")
@MethodSource("dev.trustgate.adapters.persistence.Storages#kinds")
class ApiKeyStoreContractTest extends StorageContract {

    ApiKeyStoreContractTest() {
        super("apikeys");
    }

    @Test
    void keysAreFoundByTheirHashAndRevokedOnce() {
        ApiKey key = new ApiKey("key_1", "crm", "a".repeat(64), false,
                Set.of(new BusinessNumberId("111"), new BusinessNumberId("222")), Fixtures.T0, Optional.empty());
        storage.tx(() -> {
            storage.apiKeys().save(key);
            return null;
        });

        assertThat(storage.tx(() -> storage.apiKeys().findByHash("a".repeat(64)))).contains(key);
        assertThat(storage.tx(() -> storage.apiKeys().findByHash("b".repeat(64)))).isEmpty();
        assertThat(storage.tx(() -> storage.apiKeys().revoke("key_1", Fixtures.t(5)))).isTrue();
        assertThat(storage.tx(() -> storage.apiKeys().revoke("key_1", Fixtures.t(6)))).isFalse();
        assertThat(storage.tx(() -> storage.apiKeys().find("key_1"))).hasValueSatisfying(k -> {
            assertThat(k.active()).isFalse();
            assertThat(k.revokedAt()).contains(Fixtures.t(5));
        });
        assertThat(storage.tx(() -> storage.apiKeys().list())).hasSize(1);
    }
}
