package dev.trustgate.application.service;

import dev.trustgate.application.Caller;
import dev.trustgate.application.port.in.AuthenticateApiKeyUseCase;
import dev.trustgate.application.port.out.ApiKey;
import dev.trustgate.application.port.out.ApiKeyStore;
import dev.trustgate.application.port.out.Transactions;
import dev.trustgate.domain.Actor;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/** Finds the key by its hash ({@link ManageApiKeysService#hash}) and compares the hashes in constant time. */
public final class AuthenticateApiKeyService implements AuthenticateApiKeyUseCase {

    private final Transactions transactions;
    private final ApiKeyStore keys;

    public AuthenticateApiKeyService(Transactions transactions, ApiKeyStore keys) {
        this.transactions = transactions;
        this.keys = keys;
    }

    @Override
    public Optional<Caller> authenticate(String presentedKey) {
        if (presentedKey == null || presentedKey.isBlank() || presentedKey.length() > 200) {
            return Optional.empty();
        }
        String presentedHash = ManageApiKeysService.hash(presentedKey);
        return transactions.inTransaction(() -> keys.findByHash(presentedHash))
                .filter(ApiKey::active)
                .filter(stored -> MessageDigest.isEqual(stored.keyHash().getBytes(StandardCharsets.US_ASCII),
                        presentedHash.getBytes(StandardCharsets.US_ASCII)))
                .map(stored -> new Caller(new Actor(stored.id()), stored.admin(), stored.businesses()));
    }
}
