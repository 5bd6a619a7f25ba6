package dev.trustgate.application.transaction;

import dev.trustgate.application.ErrorCode;
import dev.trustgate.application.TrustgateException;
import dev.trustgate.application.port.out.StorageUnavailableException;
import dev.trustgate.application.port.out.Transactions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Decorator: group commit. The transactions of concurrent callers run together, in one database
 * transaction per batch, and each caller returns only after that commit — so "answered only after a
 * durable commit" still holds, at one commit for many callers. A batch that fails is not allowed to fail
 * its neighbours: its transactions are then run one by one, and only the failing one reports the failure
 * (a lost race too: the caller's {@link Retry}, composed over this, runs it again). When storage itself failed,
 * every transaction of the batch fails at once, as each would have alone. A caller interrupted while its work
 * waits is told nothing changed only when no writer took the work yet; otherwise it waits for the commit's answer.
 *
 * <p>Up to {@code writers} threads take batches of up to {@code maxBatch} waiting transactions; with
 * nothing else waiting a transaction runs at once, alone. Writers start on demand and end when idle. Work
 * must be free of effects outside the transaction (it may run more than once, like any retried
 * transaction). Nested calls never reach it: {@link TransactionScope#joining} runs them in the transaction
 * already running, and a writer that is asked for a transaction anyway refuses rather than wait for itself.
 */
public final class GroupCommit implements Transactions {

    /**
     * Webhook intake's measured best (see docs/benchmarks.md): one writer, since two contend for a business's
     * chain head and were far slower, taking up to 64 waiting transactions at once.
     */
    public static final int DEFAULT_WRITERS = 1;
    public static final int DEFAULT_BATCH = 64;

    /** A writer with nothing to do for this long ends; the next transaction starts one again. */
    private static final long IDLE_SECONDS = 30;

    private final Transactions transactions;
    private final int writers;
    private final int maxBatch;
    private final BlockingQueue<Job<?>> waiting = new LinkedBlockingQueue<>();
    private final AtomicInteger live = new AtomicInteger();
    private final Set<Thread> writerThreads = ConcurrentHashMap.newKeySet();

    /** @param transactions what each batch runs in: the storage's transactions, with the work's end (TransactionScope#opening) */
    public GroupCommit(Transactions transactions, int writers, int maxBatch) {
        if (writers < 1 || maxBatch < 1) {
            throw new IllegalArgumentException("writers and batch size must be at least 1");
        }
        this.transactions = transactions;
        this.writers = writers;
        this.maxBatch = maxBatch;
    }

    private void ensureWriters() {
        while (true) {
            int running = live.get();
            if (running >= writers) {
                return;
            }
            if (live.compareAndSet(running, running + 1)) {
                Thread writer = new Thread(this::write, "trustgate-group-commit");
                writer.setDaemon(true);
                writer.start();
            }
        }
    }

    /** How many transactions wait for a writer now (not counting the batch being written). */
    public int waiting() {
        return waiting.size();
    }

    /** Runs {@code work} in a transaction, possibly shared with other callers' work; returns after its commit. */
    @Override
    public <T> T inTransaction(Supplier<T> work) {
        if (writerThreads.contains(Thread.currentThread())) {
            throw new IllegalStateException("work run by a group commit asked for a transaction again; compose GroupCommit "
                    + "under TransactionScope.joining, which runs it in the transaction already running");
        }
        Job<T> job = new Job<>(work);
        waiting.add(job);
        ensureWriters();
        try {
            return job.done.get();
        } catch (ExecutionException e) {
            throw rethrown(e);
        } catch (InterruptedException e) {
            if (waiting.remove(job)) {
                // no writer took it: it will never run, so "nothing was changed" is true
                Thread.currentThread().interrupt();
                throw new TrustgateException(ErrorCode.STORAGE_UNAVAILABLE, "interrupted while waiting for the commit; nothing "
                        + "was changed", Map.of(), e);
            }
            // a writer runs it already: its answer, whatever it is, is the one to give
            return answerOnceWritten(job);
        }
    }

    /** The answer of {@code job}, which a writer has taken, waited for whatever interrupts come; the interrupt is kept. */
    private static <T> T answerOnceWritten(Job<T> job) {
        try {
            while (true) {
                try {
                    return job.done.get();
                } catch (InterruptedException again) {
                    // keep waiting: the commit may be under way, and the caller must learn whether it happened
                } catch (ExecutionException e) {
                    throw rethrown(e);
                }
            }
        } finally {
            Thread.currentThread().interrupt();
        }
    }

    private static RuntimeException rethrown(ExecutionException e) {
        if (e.getCause() instanceof RuntimeException runtime) {
            return runtime;
        }
        if (e.getCause() instanceof Error error) {
            throw error;
        }
        return new IllegalStateException(e.getCause());
    }

    private void write() {
        writerThreads.add(Thread.currentThread());
        try {
            writeBatches();
        } finally {
            writerThreads.remove(Thread.currentThread());
        }
    }

    private void writeBatches() {
        List<Job<?>> batch = new ArrayList<>(maxBatch);
        while (true) {
            Job<?> first;
            try {
                first = waiting.poll(IDLE_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                first = null;
            }
            if (first == null) {
                live.decrementAndGet();
                // a transaction may have arrived while this writer was leaving and seen it still counted
                int running = live.get();
                if (waiting.isEmpty() || running >= writers || !live.compareAndSet(running, running + 1)) {
                    return;
                }
                continue;
            }
            batch.add(first);
            waiting.drainTo(batch, maxBatch - 1);
            run(batch);
            batch.clear();
        }
    }

    private void run(List<Job<?>> batch) {
        if (batch.size() == 1) {
            batch.get(0).runAlone(transactions);
            return;
        }
        List<Object> results;
        try {
            results = transactions.inTransaction(() -> {
                List<Object> each = new ArrayList<>(batch.size());
                for (Job<?> job : batch) {
                    each.add(job.work.get());
                }
                return each;
            });
        } catch (StorageUnavailableException e) {
            // storage failed, not one of them: running each alone would only make each wait for it in turn
            batch.forEach(job -> job.done.completeExceptionally(e));
            return;
        } catch (RuntimeException | Error e) {
            // one of them failed (or lost a race): find out which, each on its own
            batch.forEach(job -> job.runAlone(transactions));
            return;
        }
        for (int i = 0; i < batch.size(); i++) {
            batch.get(i).complete(results.get(i));
        }
    }

    private static final class Job<T> {
        final Supplier<T> work;
        final CompletableFuture<T> done = new CompletableFuture<>();

        Job(Supplier<T> work) {
            this.work = work;
        }

        @SuppressWarnings("unchecked")
        void complete(Object result) {
            done.complete((T) result);
        }

        void runAlone(Transactions transactions) {
            try {
                done.complete(transactions.inTransaction(work));
            } catch (RuntimeException | Error e) {
                done.completeExceptionally(e);
            }
        }
    }
}
