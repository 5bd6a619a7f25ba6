package dev.trustgate.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trustgate.application.port.out.StorageUnavailableException;
import dev.trustgate.domain.Fixtures;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** When PostgreSQL drops every connection (a restart, a failover), trustgate recovers without a restart of its own. */
class StorageRecoveryTest {

    @Test
    void afterTheDatabaseDroppedEveryConnectionTheNextTransactionsSucceed() throws Exception {
        DatabaseSettings settings = EmbeddedPostgresServer.settings("recovery");
        String database = settings.url().replaceAll(".*/([^/?]+).*", "$1");
        try (JdbiStorage storage = JdbiStorage.open(settings)) {
            // Keep several handles: run transactions on several threads at once.
            CountDownLatch inside = new CountDownLatch(4);
            CountDownLatch release = new CountDownLatch(1);
            CompletableFuture<?>[] busy = new CompletableFuture<?>[4];
            for (int i = 0; i < 4; i++) {
                busy[i] = CompletableFuture.runAsync(() -> storage.transactions.inTransaction(() -> {
                    storage.messages.findSentByWhatsAppId("warm-up");
                    inside.countDown();
                    try {
                        release.await(30, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return null;
                }));
            }
            assertThat(inside.await(30, TimeUnit.SECONDS)).isTrue();
            release.countDown();
            CompletableFuture.allOf(busy).get(30, TimeUnit.SECONDS);

            try (var admin = EmbeddedPostgresServer.server().getPostgresDatabase().getConnection();
                 var statement = admin.createStatement()) {
                statement.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + database + "'");
            }

            int failures = 0;
            for (int attempt = 0; attempt < 2; attempt++) {
                try {
                    storage.transactions.inTransaction(() -> storage.receipts.record("after-" + Instant.now().toEpochMilli(), Fixtures.T0));
                } catch (StorageUnavailableException e) {
                    failures++;
                }
            }
            assertThat(failures).as("at most the first transaction meets a dead connection").isLessThanOrEqualTo(1);
            assertThat(storage.transactions.inTransaction(() -> storage.receipts.record("recovered", Fixtures.T0))).isTrue();
            assertThat(storage.ping()).isTrue();
        }
    }
}
