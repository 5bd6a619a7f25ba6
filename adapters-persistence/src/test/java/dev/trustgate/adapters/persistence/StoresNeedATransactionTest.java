package dev.trustgate.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trustgate.domain.BusinessNumberId;
import dev.trustgate.domain.Fixtures;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A store called with no transaction running, or a transaction started inside another, is a programming error:
 * never a transaction of its own, never a silent join (joining is TransactionScope's rule, above storage).
 */
class StoresNeedATransactionTest {

    private static final BusinessNumberId BUSINESS = new BusinessNumberId("106540352242922");

    private JdbiStorage db;

    @BeforeEach
    void freshDatabase() {
        StorageUnderTest storage = Storages.h2("outside-transactions");
        storage.reset();
        db = Storages.jdbi(storage);
    }

    @Test
    void everyStoreCalledOutsideATransactionFailsNamingTheMistake() {
        Map<String, ThrowingCallable> calls = Map.of(
                "contacts", () -> db.contacts.find(Fixtures.KEY),
                "business numbers", () -> db.businesses.find(BUSINESS),
                "events", () -> db.events.read(BUSINESS, 0, 10),
                "webhook receipts", () -> db.receipts.record("wamid.1", Instant.EPOCH),
                "messages", () -> db.messages.findSentByWhatsAppId("wamid.1"),
                "outbox", () -> db.outbox.find("dlv_1"),
                "outbox claims", () -> db.outbox.claimDue(Instant.EPOCH, 10, 4, Duration.ofMinutes(1)),
                "subscriptions", () -> db.subscriptions.list(),
                "api keys", () -> db.apiKeys.list());

        calls.forEach((store, call) -> assertThatThrownBy(call).as(store)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("outside a transaction"));
    }

    @Test
    void aTransactionStartedInsideAnotherIsAMistakeNotAJoinAndChangesNothing() {
        assertThatThrownBy(() -> db.transactions.inTransaction(() -> {
            db.receipts.record("wamid.outer", Instant.EPOCH);
            return db.transactions.inTransaction(() -> db.receipts.record("wamid.inner", Instant.EPOCH));
        })).isInstanceOf(IllegalStateException.class).hasMessageContaining("inside another");

        // recording each now succeeds: neither was recorded before
        assertThat(db.transactions.inTransaction(() -> db.receipts.record("wamid.outer", Instant.EPOCH))).isTrue();
        assertThat(db.transactions.inTransaction(() -> db.receipts.record("wamid.inner", Instant.EPOCH))).isTrue();
    }

    @Test
    void aWriteOutsideATransactionChangesNothing() {
        assertThatThrownBy(() -> db.receipts.record("wamid.outside", Instant.EPOCH)).isInstanceOf(IllegalStateException.class);

        assertThat(db.transactions.inTransaction(() -> db.receipts.record("wamid.outside", Instant.EPOCH)))
                .as("not recorded before").isTrue();
        assertThat(db.transactions.inTransaction(() -> db.events.read(BUSINESS, 0, 10))).isEqualTo(List.of());
    }
}
