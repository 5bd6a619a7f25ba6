package dev.trustgate.adapters.persistence;

import dev.trustgate.application.port.out.ConcurrentUpdateException;
import dev.trustgate.application.port.out.StorageUnavailableException;
import dev.trustgate.application.port.out.Transactions;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * One JDBI transaction per use case: the handle is bound to the thread while the work runs, so every
 * store used by the work writes through it. Nested calls join the outer transaction. Connection
 * failures become {@link StorageUnavailableException}, serialisation failures and deadlocks
 * {@link ConcurrentUpdateException} (the use case retries).
 */
public final class JdbiTransactions implements Transactions {

    private final Jdbi jdbi;
    private final ThreadLocal<Transaction> current = new ThreadLocal<>();

    /** The handle of the running transaction and the SqlObjects attached to it so far. */
    private static final class Transaction {
        final Handle handle;
        final Map<Class<?>, Object> daos = new HashMap<>(8);

        Transaction(Handle handle) {
            this.handle = handle;
        }
    }

    public JdbiTransactions(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        if (current.get() != null) {
            return work.get();
        }
        try {
            return jdbi.inTransaction(handle -> {
                current.set(new Transaction(handle));
                try {
                    return work.get();
                } finally {
                    current.remove();
                }
            });
        } catch (RuntimeException e) {
            throw translate(e);
        }
    }

    /**
     * Runs {@code work} with the SqlObject {@code type} attached to the current transaction (attached once
     * per transaction), or in a short transaction of its own when none is running.
     */
    <D, T> T withDao(Class<D> type, Function<D, T> work) {
        Transaction transaction = current.get();
        if (transaction == null) {
            return inTransaction(() -> withDao(type, work));
        }
        return work.apply(type.cast(transaction.daos.computeIfAbsent(type, transaction.handle::attach)));
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
                if (state.startsWith("08") || state.equals("57P01") || state.equals("57P03") || state.startsWith("53")) {
                    return new StorageUnavailableException("database unavailable (" + state + ")", e);
                }
                if (state.equals("40001") || state.equals("40P01") || state.equals("HYT00")) {
                    return new ConcurrentUpdateException("transaction lost a race (" + state + ")");
                }
            }
        }
        return e;
    }
}
