package dev.trustgate.application.service;

import dev.trustgate.application.ErrorCode;
import dev.trustgate.application.TrustgateException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Group commit: the transactions of concurrent callers run together, in one database transaction per
 * batch, and each caller returns only after that commit — so "answered only after a durable commit"
 * still holds, at one commit for many callers. A batch that fails is not allowed to fail its
 * neighbours: its transactions are then run one by one, and only the failing one reports the failure.
 *
 * <p>Up to {@code writers} threads take batches of up to {@code maxBatch} waiting transactions; with
 * nothing else waiting a transaction runs at once, alone. Writers start on demand and end when idle. Work must be free of effects outside the transaction (it
 * may run more than once, like any retried transaction).
 */
public final class GroupCommit implements Transactional {

    /** A writer with nothing to do for this long ends; the next transaction starts one again. */
    private static final long IDLE_SECONDS = 30;

    private final Retry retry;
    private final int writers;
    private final int maxBatch;
    private final BlockingQueue<Job<?>> waiting = new LinkedBlockingQueue<>();
    private final AtomicInteger live = new AtomicInteger();
    /** Set on writer threads: work they run that asks for a transaction is already inside one. */
    private final ThreadLocal<Boolean> writing = ThreadLocal.withInitial(() -> false);

    public GroupCommit(Retry retry, int writers, int maxBatch) {
        if (writers < 1 || maxBatch < 1) {
            throw new IllegalArgumentException("writers and batch size must be at least 1");
        }
        this.retry = retry;
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

    /** Runs {@code work} in a transaction, possibly shared with other callers' work; returns after its commit. */
    @Override
    public <T> T inTransaction(Supplier<T> work) {
        if (writing.get()) {
            // called from work a writer is running: waiting for a writer here would wait for itself
            return work.get();
        }
        Job<T> job = new Job<>(work);
        waiting.add(job);
        ensureWriters();
        try {
            return job.done.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TrustgateException(ErrorCode.STORAGE_UNAVAILABLE, "interrupted while waiting for the commit", Map.of(), e);
        }
    }

    private void write() {
        writing.set(true);
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
            batch.get(0).runAlone(retry);
            return;
        }
        List<Object> results;
        try {
            results = retry.inTransaction(() -> {
                List<Object> each = new ArrayList<>(batch.size());
                for (Job<?> job : batch) {
                    each.add(job.work.get());
                }
                return each;
            });
        } catch (RuntimeException | Error e) {
            // one of them failed, or storage did: find out which, each on its own
            batch.forEach(job -> job.runAlone(retry));
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

        void runAlone(Retry retry) {
            try {
                done.complete(retry.inTransaction(work));
            } catch (RuntimeException | Error e) {
                done.completeExceptionally(e);
            }
        }
    }
}
