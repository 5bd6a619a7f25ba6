package dev.trustgate.application.port.out;

import java.util.function.Supplier;

/** Runs work in one transaction across every store: all of it is applied, or none. */
public interface Transactions {

    /**
     * @throws ConcurrentUpdateException   when the work lost a race (nothing applied)
     * @throws StorageUnavailableException when storage failed (nothing applied)
     */
    <T> T inTransaction(Supplier<T> work);
}
