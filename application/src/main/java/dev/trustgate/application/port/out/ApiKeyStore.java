package dev.trustgate.application.port.out;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** API keys, stored by the SHA-256 of the key. */
public interface ApiKeyStore {

    void save(ApiKey key);

    Optional<ApiKey> findByHash(String keyHash);

    Optional<ApiKey> find(String id);

    List<ApiKey> list();

    /** Marks the key revoked; returns false when there is no such active key. */
    boolean revoke(String id, Instant at);
}
