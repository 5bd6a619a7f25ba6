package dev.trustgate.adapters.persistence;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.Parameter;

/**
 * Base of the per-port contract tests: each runs once per storage kind (in-memory fakes, H2, a real
 * PostgreSQL) through {@code @ParameterizedClass}, on a database of its own, emptied before every test.
 */
public abstract class StorageContract {

    private final String purpose;

    @Parameter
    Storages.Kind kind;

    protected StorageUnderTest storage;

    protected StorageContract(String purpose) {
        this.purpose = purpose;
    }

    @BeforeEach
    void freshStorage() {
        storage = kind.open(purpose);
        storage.reset();
    }
}
