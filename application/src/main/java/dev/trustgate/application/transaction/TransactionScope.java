package dev.trustgate.application.transaction;

import dev.trustgate.application.port.out.Transactions;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The transaction a thread runs, and the one rule for work that asks for a transaction while its thread
 * already runs one: it joins that transaction. Nothing else joins: {@link Retry}, {@link GroupCommit} and
 * the storage adapters never see a nested call (the adapters refuse one).
 *
 * <p>Two decorators share this state. {@link #joining} goes outermost and runs nested work in place.
 * {@link #opening} goes right over the storage adapter: it marks the thread that runs the work inside the
 * storage transaction (for a group commit that is the writer's thread, not the caller's, so work a writer
 * runs joins too), and it runs what the work left {@linkplain #untilTheEnd to the end} after the work,
 * just before the commit — inside the storage transaction, and again on every attempt a retry makes.
 */
public final class TransactionScope {

    private final ThreadLocal<Running> running = new ThreadLocal<>();

    /** The outermost decorator: a call made while this thread runs a transaction runs in it, others go to {@code composed}. */
    public Transactions joining(Transactions composed) {
        return new Transactions() {
            @Override
            public <T> T inTransaction(Supplier<T> work) {
                return running.get() != null ? work.get() : composed.inTransaction(work);
            }
        };
    }

    /** The innermost decorator, right over {@code storage}: the work runs in this scope, and its end just before the commit. */
    public Transactions opening(Transactions storage) {
        return new Transactions() {
            @Override
            public <T> T inTransaction(Supplier<T> work) {
                return storage.inTransaction(() -> {
                    if (running.get() != null) {
                        throw new IllegalStateException("a transaction was opened inside another on one thread; nested work "
                                + "must reach TransactionScope.joining first");
                    }
                    Running scope = new Running();
                    running.set(scope);
                    try {
                        T result = work.get();
                        scope.end();
                        return result;
                    } finally {
                        running.remove();
                    }
                });
            }
        };
    }

    /**
     * A value that lasts as long as the transaction this thread runs: made by {@code start} the first time
     * {@code key} asks in that transaction, and handed to {@code end} once the work is done, just before the
     * commit (ends run in the order their values were made). Empty when no transaction is running.
     */
    public <V> Optional<V> untilTheEnd(Object key, Supplier<V> start, Consumer<V> end) {
        Running scope = running.get();
        return scope == null ? Optional.empty() : Optional.of(scope.value(key, start, end));
    }

    /** What one transaction keeps until its end. */
    private static final class Running {
        private final Map<Object, Object> values = new HashMap<>();
        private final Queue<Runnable> ends = new ArrayDeque<>();

        @SuppressWarnings("unchecked")
        <V> V value(Object key, Supplier<V> start, Consumer<V> end) {
            Object value = values.get(key);
            if (value == null) {
                V made = start.get();
                values.put(key, made);
                ends.add(() -> {
                    values.remove(key);
                    end.accept(made);
                });
                return made;
            }
            return (V) value;
        }

        void end() {
            Runnable next;
            while ((next = ends.poll()) != null) {
                next.run();
            }
        }
    }
}
