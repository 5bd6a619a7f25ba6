package dev.trustgate.application.fakes;

import dev.trustgate.application.port.out.StorageUnavailableException;
import dev.trustgate.application.port.out.Transactions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Transactions over the in-memory stores, as a storage adapter gives them: one at a time (serialisable),
 * a nested call refused (joining is TransactionScope's rule, composed over this), and a failure restores
 * every store to where it was. {@link #failWith} simulates an outage; {@link #count} counts transactions and
 * {@link #afterEachCommit} lets a test commit another change right after one.
 */
public final class InMemoryTransactions implements Transactions {

    private final ReentrantLock lock = new ReentrantLock();
    private final List<InMemoryState> stores = new ArrayList<>();
    private final AtomicInteger count = new AtomicInteger();
    private final ThreadLocal<Boolean> inHook = ThreadLocal.withInitial(() -> false);
    private volatile boolean unavailable;
    private volatile Runnable afterCommit = () -> { };

    public InMemoryTransactions register(InMemoryState... states) {
        stores.addAll(List.of(states));
        return this;
    }

    /** While true every transaction fails as if the database were down. */
    public void failWith(boolean down) {
        this.unavailable = down;
    }

    /** How many transactions have been opened so far, committed or not. */
    public int count() {
        return count.get();
    }

    /**
     * Runs {@code hook} right after each transaction that commits from now on, once it released its lock, as
     * another request would. Transactions the hook itself runs do not trigger it again.
     */
    public void afterEachCommit(Runnable hook) {
        this.afterCommit = hook;
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
        T result;
        lock.lock();
        try {
            count.incrementAndGet();
            List<Object> snapshots = stores.stream().map(InMemoryState::snapshot).toList();
            try {
                result = work.get();
            } catch (RuntimeException | Error e) {
                for (int i = 0; i < stores.size(); i++) {
                    stores.get(i).restore(snapshots.get(i));
                }
                throw e;
            }
        } finally {
            lock.unlock();
        }
        if (!inHook.get()) {
            inHook.set(true);
            try {
                afterCommit.run();
            } finally {
                inHook.set(false);
            }
        }
        return result;
    }
}
