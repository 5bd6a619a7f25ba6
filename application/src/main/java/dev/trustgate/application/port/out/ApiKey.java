package dev.trustgate.application.port.out;

import dev.trustgate.domain.BusinessNumberId;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/** An API key as stored: only the SHA-256 of the key itself is kept. */
public record ApiKey(String id, String name, String keyHash, boolean admin, Set<BusinessNumberId> businesses,
                     Instant createdAt, Optional<Instant> revokedAt) {

    public ApiKey {
        businesses = Set.copyOf(businesses);
    }

    public boolean active() {
        return revokedAt.isEmpty();
    }
}
