package dev.trustgate.adapters.persistence;

import dev.trustgate.application.port.out.ConcurrentUpdateException;
import dev.trustgate.application.port.out.StorageUnavailableException;
import dev.trustgate.application.port.out.Transactions;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * One JDBI transaction per use case. The running transaction is bound to the thread, so every store
 * the work touches writes through it. A transaction started inside another on one thread is refused, not
 * joined: work that nests use cases reaches storage through {@code TransactionScope}, the one place that
 * joins.
 *
 * <p>Handles outlive their transactions: an idle handle keeps its pooled connection and the SqlObjects
 * already attached to it, because opening a handle and attaching SqlObjects cost more than the SQL of a
 * typical command (see docs/benchmarks.md). A handle that failed on its connection, or grew old, is
 * closed instead of kept, so the connection goes back to HikariCP.
 *
 * <p>Connection failures become {@link StorageUnavailableException}; serialisation failures, deadlocks
 * and lock timeouts {@link ConcurrentUpdateException} (the use case retries).
 */
public final class JdbiTransactions implements Transactions {

    private static final Duration MAX_HANDLE_AGE = Duration.ofMinutes(10);
    private static final Duration CHECK_WHEN_IDLE_FOR = Duration.ofSeconds(30);

    private final Jdbi jdbi;
    private final ThreadLocal<PooledHandle> current = new ThreadLocal<>();
    private final BlockingQueue<PooledHandle> idle;
    private volatile boolean closed;

    /** A handle, the SqlObjects attached to it, what stores keep for its running transaction, and when it was opened and last used. */
    private static final class PooledHandle {
        final Handle handle;
        final Map<Class<?>, Object> daos = new HashMap<>(16);
        final Map<Class<?>, Map<?, ?>> transactionCaches = new HashMap<>(4);
        final long openedAt = System.nanoTime();
        long lastUsed = System.nanoTime();

        PooledHandle(Handle handle) {
            this.handle = handle;
        }

        boolean tooOld() {
            return System.nanoTime() - openedAt > MAX_HANDLE_AGE.toNanos();
        }

        boolean idleLong() {
            return System.nanoTime() - lastUsed > CHECK_WHEN_IDLE_FOR.toNanos();
        }
    }

    private final Runnable evictPooledConnections;

    /**
     * @param evictPooledConnections drops the connection pool's idle connections; run after the database
     *                               went away, so no dead connection is handed out again
     */
    public JdbiTransactions(Jdbi jdbi, int keptHandles, Runnable evictPooledConnections) {
        this.jdbi = jdbi;
        this.idle = new ArrayBlockingQueue<>(Math.max(1, keptHandles));
        this.evictPooledConnections = evictPooledConnections;
    }

    /**
     * @throws IllegalStateException when this thread already runs a transaction (its work is rolled back)
     */
    @Override
    public <T> T inTransaction(Supplier<T> work) {
        if (current.get() != null) {
            throw new IllegalStateException("a transaction was started inside another on one thread; nested work joins "
                    + "through TransactionScope.joining");
        }
        PooledHandle pooled;
        try {
            pooled = borrow();
        } catch (RuntimeException e) {
            throw translate(e);
        }
        boolean healthy = false;
        current.set(pooled);
        try {
            pooled.handle.begin();
            T result = work.get();
            pooled.handle.commit();
            healthy = true;
            return result;
        } catch (RuntimeException e) {
            RuntimeException translated = translate(e);
            healthy = rollback(pooled) && !(translated instanceof StorageUnavailableException);
            if (translated instanceof StorageUnavailableException) {
                // The database went away: the other kept handles, and the pool's idle connections, are most
                // likely dead too.
                discardIdle();
                evictPooledConnections.run();
            }
            throw translated;
        } catch (Error e) {
            rollback(pooled);
            throw e;
        } finally {
            // what the transaction read or locked is worth nothing to the next one (a batch re-run one by one, too)
            pooled.transactionCaches.clear();
            current.remove();
            giveBack(pooled, healthy);
        }
    }

    /**
     * Runs {@code work} with the SqlObject {@code type} attached to the current transaction's handle
     * (attached once per handle).
     *
     * @throws IllegalStateException when no transaction is running on this thread: a store call outside one
     *                               is a mistake of its caller, never a transaction of its own
     */
    <D, T> T withDao(Class<D> type, Function<D, T> work) {
        PooledHandle pooled = current.get();
        if (pooled == null) {
            throw new IllegalStateException("a store was called outside a transaction ("
                    + (type.getEnclosingClass() == null ? type : type.getEnclosingClass()).getSimpleName()
                    + "): run it in Transactions.inTransaction");
        }
        return work.apply(type.cast(pooled.daos.computeIfAbsent(type, pooled.handle::attach)));
    }

    /**
     * The values {@code owner} keeps for the transaction running on this thread: rows it read or locked in it,
     * which the transaction's later work may take from here instead of asking the database again. Dropped when
     * the transaction commits or rolls back, so no other transaction ever sees them — a group-commit batch re-run
     * job by job after a failure starts every job from the database.
     *
     * @throws IllegalStateException when no transaction is running on this thread
     */
    @SuppressWarnings("unchecked")
    <K, V> Map<K, V> transactionCache(Class<?> owner) {
        PooledHandle pooled = current.get();
        if (pooled == null) {
            throw new IllegalStateException("a store was called outside a transaction (" + owner.getSimpleName()
                    + "): run it in Transactions.inTransaction");
        }
        return (Map<K, V>) pooled.transactionCaches.computeIfAbsent(owner, o -> new HashMap<>());
    }

    private PooledHandle borrow() {
        PooledHandle pooled;
        while ((pooled = idle.poll()) != null) {
            if (!pooled.tooOld() && (!pooled.idleLong() || valid(pooled))) {
                return pooled;
            }
            close(pooled);
        }
        return new PooledHandle(jdbi.open());
    }

    private void giveBack(PooledHandle pooled, boolean healthy) {
        pooled.lastUsed = System.nanoTime();
        if (!healthy || closed || pooled.tooOld() || !idle.offer(pooled)) {
            close(pooled);
        }
    }

    private static boolean valid(PooledHandle pooled) {
        try {
            return pooled.handle.getConnection().isValid(1);
        } catch (SQLException e) {
            return false;
        }
    }

    private static boolean rollback(PooledHandle pooled) {
        try {
            pooled.handle.rollback();
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static void close(PooledHandle pooled) {
        try {
            pooled.handle.close();
        } catch (RuntimeException ignored) {
            // the connection is gone already; HikariCP replaces it
        }
    }

    /** Closes the kept handles, returning their connections to the pool. */
    void close() {
        closed = true;
        discardIdle();
    }

    private void discardIdle() {
        PooledHandle pooled;
        while ((pooled = idle.poll()) != null) {
            close(pooled);
        }
    }

    static RuntimeException translate(RuntimeException e) {
        if (e instanceof ConcurrentUpdateException || e instanceof StorageUnavailableException) {
            return e;
        }
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLTransientConnectionException) {
                return new StorageUnavailableException("no database connection: " + cause.getMessage(), e);
            }
            if (cause instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                if (state.startsWith("08") || state.equals("57P01") || state.equals("57P02") || state.equals("57P03")
                        || state.startsWith("53") || state.equals("90067") || state.equals("90098") || state.equals("90121")) {
                    return new StorageUnavailableException("database unavailable (" + state + ")", e);
                }
                if (state.equals("40001") || state.equals("40P01") || state.equals("HYT00") || state.equals("55P03")) {
                    return new ConcurrentUpdateException("transaction lost a race (" + state + ")");
                }
            }
        }
        return e;
    }
}
