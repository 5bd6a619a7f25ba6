package dev.trustgate.application.fakes;

import dev.trustgate.application.port.out.ApiKey;
import dev.trustgate.application.port.out.ApiKeyStore;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

public final class InMemoryApiKeyStore implements ApiKeyStore, InMemoryState {

    private Map<String, ApiKey> keys = new LinkedHashMap<>();

    @Override
    public synchronized void save(ApiKey key) {
        keys.put(key.id(), key);
    }

    @Override
    public synchronized Optional<ApiKey> findByHash(String keyHash) {
        return keys.values().stream().filter(k -> k.keyHash().equals(keyHash)).findFirst();
    }

    @Override
    public synchronized Optional<ApiKey> find(String id) {
        return Optional.ofNullable(keys.get(id));
    }

    @Override
    public synchronized List<ApiKey> list() {
        return List.copyOf(keys.values());
    }

    @Override
    public synchronized boolean revoke(String id, Instant at) {
        ApiKey key = keys.get(id);
        if (key == null || !key.active()) {
            return false;
        }
        keys.put(id, new ApiKey(key.id(), key.name(), key.keyHash(), key.admin(), key.businesses(), key.createdAt(),
                Optional.of(at)));
        return true;
    }

    @Override
    public synchronized Object snapshot() {
        return new LinkedHashMap<>(keys);
    }

    @Override
    @SuppressWarnings("unchecked")
    public synchronized void restore(Object snapshot) {
        keys = new LinkedHashMap<>((Map<String, ApiKey>) snapshot);
    }
}
