package dev.trustgate.adapters.persistence;

import org.junit.jupiter.api.BeforeEach;

/**
 * Base of the per-port contract tests. Each contract is an abstract class with the tests; its
 * {@code InMemory}, {@code H2} and {@code Postgres} nested subclasses run it against each implementation.
 */
public abstract class StorageContract {

    protected StorageUnderTest storage;

    protected abstract StorageUnderTest createStorage();

    @BeforeEach
    void freshStorage() {
        storage = createStorage();
        storage.reset();
    }
}
