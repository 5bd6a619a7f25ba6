package dev.trustgate.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trustgate.domain.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

@ParameterizedClass(name = "{0}")
@MethodSource("dev.trustgate.adapters.persistence.Storages#kinds")
class WebhookReceiptsContractTest extends StorageContract {

    WebhookReceiptsContractTest() {
        super("receipts");
    }

    @Test
    void aDuplicateKeyIsDetectedWithoutAnErrorAndWithoutASecondRecord() {
        assertThat(storage.tx(() -> storage.receipts().record("106540352242922:wamid.1", Fixtures.T0))).isTrue();
        assertThat(storage.tx(() -> storage.receipts().record("106540352242922:wamid.1", Fixtures.t(5)))).isFalse();
        assertThat(recorded("106540352242922:wamid.1")).isTrue();
        assertThat(recorded("106540352242922:wamid.2")).isFalse();
    }

    @Test
    void aDuplicateInsideATransactionDoesNotSpoilTheRestOfIt() {
        storage.tx(() -> storage.receipts().record("k1", Fixtures.T0));

        boolean second = storage.tx(() -> {
            boolean duplicate = !storage.receipts().record("k1", Fixtures.T0);
            return duplicate && storage.receipts().record("k2", Fixtures.T0);
        });

        assertThat(second).isTrue();
        assertThat(recorded("k2")).isTrue();
    }

    /** Whether {@code key} was recorded before: recording it again is refused (one not recorded is recorded now). */
    private boolean recorded(String key) {
        return !storage.tx(() -> storage.receipts().record(key, Fixtures.t(60)));
    }
}
