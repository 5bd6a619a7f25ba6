package dev.trustgate.application.fakes;

import dev.trustgate.application.port.out.StorageUnavailableException;
import dev.trustgate.application.port.out.Transactions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Transactions over the in-memory stores, as a storage adapter gives them: one at a time (serialisable),
 * a nested call refused (joining is TransactionScope's rule, composed over this), and a failure restores
 * every store to where it was. {@link #failWith} simulates an outage.
 */
public final class InMemoryTransactions implements Transactions {

    private final ReentrantLock lock = new ReentrantLock();
    private final List<InMemoryState> stores = new ArrayList<>();
    private volatile boolean unavailable;

    public InMemoryTransactions register(InMemoryState... states) {
        stores.addAll(List.of(states));
        return this;
    }

    /** While true every transaction fails as if the database were down. */
    public void failWith(boolean down) {
        this.unavailable = down;
    }

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        if (unavailable) {
            throw new StorageUnavailableException("in-memory storage switched off", null);
        }
        if (lock.isHeldByCurrentThread()) {
            throw new IllegalStateException("a transaction was started inside another on one thread; nested work joins "
                    + "through TransactionScope.joining");
        }
        lock.lock();
        try {
            List<Object> snapshots = stores.stream().map(InMemoryState::snapshot).toList();
            try {
                return work.get();
            } catch (RuntimeException | Error e) {
                for (int i = 0; i < stores.size(); i++) {
                    stores.get(i).restore(snapshots.get(i));
                }
                throw e;
            }
        } finally {
            lock.unlock();
        }
    }
}
