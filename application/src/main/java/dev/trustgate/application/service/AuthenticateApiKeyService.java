package dev.trustgate.application.service;

import dev.trustgate.application.Caller;
import dev.trustgate.application.port.in.AuthenticateApiKeyUseCase;
import dev.trustgate.application.port.out.ApiKeyStore;
import dev.trustgate.application.port.out.Transactions;
import dev.trustgate.domain.Actor;
import java.util.Optional;

/**
 * Finds the key by its hash ({@link ManageApiKeysService#hash}), from this node's {@link ApiKeyCache} when it holds
 * it, so a request's authentication usually costs no database round trip. How long that lookup takes depends on
 * the hash, which a caller cannot steer, never on the key, so no second comparison in constant time is needed.
 */
public final class AuthenticateApiKeyService implements AuthenticateApiKeyUseCase {

    private final Transactions transactions;
    private final ApiKeyStore keys;
    private final ApiKeyCache cache;

    public AuthenticateApiKeyService(Transactions transactions, ApiKeyStore keys, ApiKeyCache cache) {
        this.transactions = transactions;
        this.keys = keys;
        this.cache = cache;
    }

    @Override
    public Optional<Caller> authenticate(String presentedKey) {
        if (presentedKey == null || presentedKey.isBlank() || presentedKey.length() > 200) {
            return Optional.empty();
        }
        String presentedHash = ManageApiKeysService.hash(presentedKey);
        return cache.find(presentedHash, () -> transactions.inTransaction(() -> keys.findByHash(presentedHash)))
                .map(stored -> new Caller(new Actor(stored.id()), stored.admin(), stored.businesses()));
    }
}
