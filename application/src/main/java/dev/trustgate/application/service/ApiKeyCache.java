package dev.trustgate.application.service;

import dev.trustgate.application.port.out.ApiKey;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The active API keys this node looked up recently, by key hash, so that authenticating a request needs no
 * database round trip. Bounded in size and in age: a key revoked on this node is forgotten at once (after the
 * revocation commits), and a key revoked on another node sharing the database is refused here at the latest
 * {@link #REVOCATION_BOUND} later, when its entry expires. Unknown and revoked keys are never kept, so a caller
 * trying keys cannot fill it.
 */
public final class ApiKeyCache {

    /** How long, at most, another node may still accept a key after it was revoked. */
    public static final Duration REVOCATION_BOUND = Duration.ofSeconds(5);

    /** How many keys are kept at most; past it the cache starts over, which costs one lookup per key. */
    public static final int MAX_KEYS = 10_000;

    private record Entry(ApiKey key, long loadedAt) {
    }

    private final Map<String, Entry> byHash = new ConcurrentHashMap<>();
    /** Moves on every forget, so a lookup that raced a revocation does not store what it read before it. */
    private final AtomicLong generation = new AtomicLong();
    private final long maxAgeNanos;
    private final int maxKeys;
    private final LongSupplier nanoTime;

    public ApiKeyCache() {
        this(REVOCATION_BOUND, MAX_KEYS, System::nanoTime);
    }

    ApiKeyCache(Duration maxAge, int maxKeys, LongSupplier nanoTime) {
        this.maxAgeNanos = maxAge.toNanos();
        this.maxKeys = maxKeys;
        this.nanoTime = nanoTime;
    }

    /** The active key with this hash: from the cache while its entry is young enough, otherwise from {@code load}. */
    Optional<ApiKey> find(String keyHash, Supplier<Optional<ApiKey>> load) {
        Entry cached = byHash.get(keyHash);
        long now = nanoTime.getAsLong();
        if (cached != null && now - cached.loadedAt() < maxAgeNanos) {
            return Optional.of(cached.key());
        }
        long before = generation.get();
        Optional<ApiKey> found = load.get().filter(ApiKey::active);
        if (found.isEmpty()) {
            byHash.remove(keyHash);
            return found;
        }
        if (byHash.size() >= maxKeys) {
            byHash.clear();
        }
        byHash.put(keyHash, new Entry(found.get(), now));
        if (generation.get() != before) {
            byHash.remove(keyHash); // a key was revoked while this lookup ran: it may have read the key before that
        }
        return found;
    }

    /** Forgets the key with this id, so that its next use is looked up again; called once its revocation committed. */
    void forget(String keyId) {
        generation.incrementAndGet();
        byHash.values().removeIf(entry -> entry.key().id().equals(keyId));
    }

    int size() {
        return byHash.size();
    }
}
