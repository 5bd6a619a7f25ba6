package dev.trustgate.application.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trustgate.application.port.out.ApiKey;
import dev.trustgate.domain.BusinessNumberId;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class ApiKeyCacheTest {

    private final AtomicLong now = new AtomicLong();
    private final ApiKeyCache cache = new ApiKeyCache(Duration.ofSeconds(5), 3, now::get);
    private final AtomicInteger loads = new AtomicInteger();

    private static ApiKey key(String id) {
        return new ApiKey(id, "crm", "hash-" + id, false, Set.of(new BusinessNumberId("106540352242922")), Instant.EPOCH,
                Optional.empty());
    }

    private Supplier<Optional<ApiKey>> loading(ApiKey key) {
        return () -> {
            loads.incrementAndGet();
            return Optional.of(key);
        };
    }

    @Test
    void aKeyLookedUpOnceIsServedWithoutTheDatabaseUntilItsEntryIsOlderThanTheBound() {
        ApiKey key = key("k1");
        cache.find("hash-k1", loading(key));
        now.addAndGet(Duration.ofSeconds(4).toNanos());
        assertThat(cache.find("hash-k1", loading(key))).contains(key);
        assertThat(loads).hasValue(1);

        now.addAndGet(Duration.ofSeconds(1).toNanos());
        cache.find("hash-k1", loading(key));
        assertThat(loads).as("looked up again once the bound passed").hasValue(2);
    }

    @Test
    void aForgottenKeyIsLookedUpAgainAndARevokedOneIsNotKept() {
        ApiKey key = key("k1");
        cache.find("hash-k1", loading(key));

        cache.forget("k1");
        ApiKey revoked = new ApiKey("k1", "crm", "hash-k1", false, key.businesses(), Instant.EPOCH, Optional.of(Instant.EPOCH));

        assertThat(cache.find("hash-k1", loading(revoked))).isEmpty();
        assertThat(cache.find("hash-k1", loading(revoked))).isEmpty();
        assertThat(loads).hasValue(3);
        assertThat(cache.size()).isZero();
    }

    @Test
    void unknownKeysAreNeverKept() {
        for (int i = 0; i < 10; i++) {
            cache.find("unknown-" + i, Optional::empty);
        }
        assertThat(cache.size()).isZero();
    }

    @Test
    void itNeverHoldsMoreThanItsBound() {
        for (int i = 0; i < 10; i++) {
            cache.find("hash-k" + i, loading(key("k" + i)));
            assertThat(cache.size()).isLessThanOrEqualTo(3);
        }
    }

    @Test
    void aLookupThatRacedARevocationDoesNotKeepWhatItReadBeforeIt() {
        ApiKey key = key("k1");
        Optional<ApiKey> found = cache.find("hash-k1", () -> {
            cache.forget("k1"); // the revocation commits while this lookup is under way
            return Optional.of(key);
        });

        assertThat(found).contains(key);
        assertThat(cache.size()).as("not kept: the next use looks the key up again").isZero();
    }
}
