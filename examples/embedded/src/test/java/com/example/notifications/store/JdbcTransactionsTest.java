package com.example.notifications.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.example.notifications.ServiceDatabase;
import dev.trustgate.application.port.out.ConcurrentUpdateException;
import dev.trustgate.application.port.out.Transactions;
import dev.trustgate.application.transaction.UseCaseTransactions;
import dev.trustgate.domain.AcknowledgementPolicy;
import dev.trustgate.domain.BusinessNumber;
import dev.trustgate.domain.BusinessNumberId;
import dev.trustgate.domain.ContactKey;
import dev.trustgate.domain.ContactNames;
import dev.trustgate.domain.ContactTrust;
import dev.trustgate.domain.WaId;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** The rules the product's transactions keep, because trustgate's use cases rely on them. */
class JdbcTransactionsTest {

    private static final BusinessNumberId BANK = new BusinessNumberId("106540352242922");
    private static final ContactKey KEY = ContactKey.of(BANK.value(), "ct_1");
    private static final Instant NOW = Instant.parse("2026-06-01T09:00:00.123456789Z");

    private final DataSource database = ServiceDatabase.create();
    private final JdbcTransactions transactions = new JdbcTransactions(database);
    private final JdbcContactStore contacts = new JdbcContactStore(transactions);
    private final JdbcBusinessStore businesses = new JdbcBusinessStore(transactions);
    private final JdbcWebhookReceipts receipts = new JdbcWebhookReceipts(transactions);

    private static ContactTrust version(ContactTrust c, long version) {
        return new ContactTrust(c.key(), c.names(), c.state(), c.identityHash(), c.identityAsOf(), c.pinnedHash(), c.verifiedHash(),
                c.pendingChange(), c.reauthentication(), version, Optional.of(NOW.plusSeconds(version)), c.identityOnFirstUse());
    }

    private static final ContactTrust STORED = version(ContactTrust.newContact(KEY, ContactNames.of(new WaId("16505551234"))), 1);

    @Test
    void aStoreCalledOutsideATransactionIsItsCallersMistakeNotATransactionOfItsOwn() {
        assertThatThrownBy(() -> contacts.find(KEY)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("outside a transaction");
        assertThatThrownBy(() -> receipts.record("m1", NOW)).isInstanceOf(IllegalStateException.class);
        assertThat(transactions.inTransaction(() -> receipts.contains("m1"))).isFalse();
    }

    @Test
    void aTransactionAskedForInsideAnotherIsRefusedAndTheOuterWorkRolledBack() {
        assertThatThrownBy(() -> transactions.inTransaction(() -> {
            receipts.record("m1", NOW);
            return transactions.inTransaction(() -> receipts.record("m2", NOW));
        })).isInstanceOf(IllegalStateException.class).hasMessageContaining("TransactionScope.joining");

        assertThat(transactions.inTransaction(() -> receipts.contains("m1") || receipts.contains("m2"))).isFalse();
    }

    @Test
    void composedAsTrustgateComposesItNestedWorkJoinsTheRunningTransaction() {
        Transactions useCases = UseCaseTransactions.standard(transactions).useCases();

        useCases.inTransaction(() -> {
            receipts.record("m1", NOW);
            return useCases.inTransaction(() -> receipts.record("m2", NOW));
        });

        assertThat(transactions.inTransaction(() -> receipts.contains("m1") && receipts.contains("m2"))).isTrue();
    }

    @Test
    void aFailureLeavesNothingOfTheTransactionInAnyStore() {
        assertThatThrownBy(() -> transactions.inTransaction(() -> {
            businesses.save(new BusinessNumber(BANK, true, Optional.of(NOW), AcknowledgementPolicy.FOUR_EYES));
            contacts.save(STORED);
            receipts.record("m1", NOW);
            throw new IllegalArgumentException("the work failed half-way");
        })).isInstanceOf(IllegalArgumentException.class);

        transactions.inTransaction(() -> {
            assertThat(businesses.find(BANK)).isEmpty();
            assertThat(contacts.find(KEY)).isEmpty();
            assertThat(receipts.contains("m1")).isFalse();
            return null;
        });
    }

    @Test
    void aWriteAgainstAVersionSomeoneElseChangedLosesTheRaceAndTheUseCaseRetries() {
        transactions.inTransaction(() -> {
            contacts.save(STORED);
            return null;
        });

        assertThatThrownBy(() -> transactions.inTransaction(() -> {
            contacts.save(STORED);
            return null;
        })).as("a second insert of the same contact").isInstanceOf(ConcurrentUpdateException.class);
        transactions.inTransaction(() -> {
            contacts.save(version(STORED, 2));
            return null;
        });
        assertThatThrownBy(() -> transactions.inTransaction(() -> {
            contacts.save(version(STORED, 2));
            return null;
        })).as("an update from a stale read").isInstanceOf(ConcurrentUpdateException.class);
        assertThat(transactions.inTransaction(() -> contacts.find(KEY))).contains(version(STORED, 2));
    }

    /**
     * The locked-row decision: the send gate reads the contact with {@code findForUpdate} and decides on it; an
     * identity change that commits meanwhile must wait for the decision's transaction, never slip in between the
     * decision and the send it allowed.
     */
    @Test
    void aChangeOfAContactWaitsForTheTransactionThatDecidesOnItsLockedRow() throws Exception {
        transactions.inTransaction(() -> {
            contacts.save(STORED);
            return null;
        });
        CountDownLatch decided = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Optional<ContactTrust>> decision = CompletableFuture.supplyAsync(() -> transactions.inTransaction(() -> {
            Optional<ContactTrust> locked = contacts.findForUpdate(KEY);
            decided.countDown();
            waitFor(release);
            return locked;
        }));
        assertThat(decided.await(10, TimeUnit.SECONDS)).isTrue();

        CompletableFuture<Void> change = CompletableFuture.runAsync(() -> transactions.inTransaction(() -> {
            contacts.save(version(contacts.find(KEY).orElseThrow(), 2));
            return null;
        }));
        await().atMost(Duration.ofSeconds(10)).until(() -> sessionsWaitingForALock() == 1);
        assertThat(change).isNotDone();

        release.countDown();
        assertThat(decision.get(10, TimeUnit.SECONDS)).contains(STORED);
        change.get(10, TimeUnit.SECONDS);
        assertThat(transactions.inTransaction(() -> contacts.find(KEY))).contains(version(STORED, 2));
    }

    private static void waitFor(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("never released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private int sessionsWaitingForALock() throws SQLException {
        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT COUNT(*) FROM INFORMATION_SCHEMA.SESSIONS WHERE BLOCKER_ID IS NOT NULL")) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
