package dev.trustgate.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.trustgate.adapters.persistence.DatabaseSettings;
import dev.trustgate.adapters.persistence.JdbiStorage;
import dev.trustgate.application.Caller;
import dev.trustgate.application.port.in.ManageApiKeysUseCase;
import dev.trustgate.application.port.out.Transactions;
import dev.trustgate.application.service.ApiKeyCache;
import dev.trustgate.application.service.AuthenticateApiKeyService;
import dev.trustgate.application.service.ManageApiKeysService;
import dev.trustgate.application.transaction.Retry;
import dev.trustgate.domain.Actor;
import dev.trustgate.domain.BusinessNumberId;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two trustgate nodes on one database, each with its own API-key cache: a key revoked on one node is refused there
 * at once and on the other within the documented bound, and a key in use costs no database round trip.
 */
class ApiKeyRevocationAcrossNodesTest {

    private static final Caller ADMIN = Caller.admin(new Actor("admin"));

    private final DatabaseSettings database = DatabaseSettings.of("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
    private final Node first = new Node();
    private final Node second = new Node();

    /** One node's storage, its own cache and the two use cases that read and change keys. */
    private final class Node implements AutoCloseable {
        final JdbiStorage storage = JdbiStorage.open(database);
        final AtomicInteger transactions = new AtomicInteger();
        final Transactions counted = new Transactions() {
            @Override
            public <T> T inTransaction(Supplier<T> work) {
                transactions.incrementAndGet();
                return storage.transactions.inTransaction(work);
            }
        };
        final ApiKeyCache cache = new ApiKeyCache();
        final ManageApiKeysService keys = new ManageApiKeysService(new Retry(counted), storage.apiKeys, storage.subscriptions,
                new RandomIds(), new SystemClock(), new SecureRandom(), cache);
        final AuthenticateApiKeyService authenticate = new AuthenticateApiKeyService(new Retry(counted), storage.apiKeys, cache);

        @Override
        public void close() {
            storage.close();
        }
    }

    @AfterEach
    void close() {
        first.close();
        second.close();
    }

    private String keyForBothNodes() {
        String key = first.keys.create(new ManageApiKeysUseCase.CreateCommand(ADMIN, "crm",
                Set.of(new BusinessNumberId("106540352242922")))).key();
        assertThat(first.authenticate.authenticate(key)).isPresent();
        assertThat(second.authenticate.authenticate(key)).isPresent();
        return key;
    }

    @Test
    void aKeyInUseIsAuthenticatedWithoutADatabaseRoundTrip() {
        String key = keyForBothNodes();
        int before = second.transactions.get();

        for (int i = 0; i < 100; i++) {
            assertThat(second.authenticate.authenticate(key)).isPresent();
        }

        assertThat(second.transactions.get()).isEqualTo(before);
    }

    @Test
    void aRevokedKeyIsRefusedAtOnceOnTheNodeThatRevokedIt() {
        String key = keyForBothNodes();
        String id = first.authenticate.authenticate(key).orElseThrow().actor().id();

        first.keys.revoke(ADMIN, id);

        assertThat(first.authenticate.authenticate(key)).isEmpty();
    }

    @Test
    void aRevokedKeyIsRefusedOnTheOtherNodeWithinTheDocumentedBound() {
        String key = keyForBothNodes();
        String id = first.authenticate.authenticate(key).orElseThrow().actor().id();

        first.keys.revoke(ADMIN, id);

        await().atMost(ApiKeyCache.REVOCATION_BOUND.plus(Duration.ofSeconds(1)))
                .until(() -> second.authenticate.authenticate(key).isEmpty());
    }
}
