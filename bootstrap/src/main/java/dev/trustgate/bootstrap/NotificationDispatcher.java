package dev.trustgate.bootstrap;

import dev.trustgate.application.port.in.DeliverNotificationsUseCase;
import dev.trustgate.application.port.in.PruneDeliveredNotificationsUseCase;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs deliveries: one claimer thread takes due entries (fairly across destinations, each destination to
 * its share) only as fast as a bounded pool of {@link #WORKERS} delivery threads frees up, and every
 * attempt ends within the sender's total deadline. So a tenant's blackhole endpoint holds at most its
 * share of workers for at most one deadline, and everyone else's deliveries go on beside it. The
 * claimer looks for work every {@link #POLL} and at once when a worker finishes (first attempt well
 * within 2 s of a commit). Delivered entries past the retention are pruned every {@link #PRUNE_EVERY}.
 */
final class NotificationDispatcher implements AutoCloseable {

    /** Delivery threads per node; with 4 entries per destination in flight, 8 stalled destinations fill it. */
    static final int WORKERS = 32;
    static final Duration POLL = Duration.ofMillis(250);
    static final Duration PRUNE_EVERY = Duration.ofMinutes(10);

    private static final Logger LOG = LoggerFactory.getLogger(NotificationDispatcher.class);

    private final DeliverNotificationsUseCase deliver;
    private final ExecutorService workers = Executors.newFixedThreadPool(WORKERS, daemon("trustgate-delivery"));
    private final AtomicInteger busy = new AtomicInteger();
    private final Semaphore wake = new Semaphore(0);
    private final Thread claimer;
    private final ScheduledExecutorService pruner = Executors.newSingleThreadScheduledExecutor(daemon("trustgate-outbox-pruning"));
    private volatile boolean running = true;

    NotificationDispatcher(DeliverNotificationsUseCase deliver, PruneDeliveredNotificationsUseCase prune, Duration retention) {
        this.deliver = deliver;
        this.claimer = daemon("trustgate-notifications").newThread(this::claimWhileRunning);
        claimer.start();
        pruner.scheduleWithFixedDelay(() -> {
            try {
                int pruned = prune.pruneDelivered(retention);
                if (pruned > 0) {
                    LOG.info("pruned {} delivered notifications older than {}", pruned, retention);
                }
            } catch (RuntimeException e) {
                LOG.warn("pruning delivered notifications failed: {}", e.getMessage());
            }
        }, PRUNE_EVERY.toMillis() / 10, PRUNE_EVERY.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void claimWhileRunning() {
        while (running) {
            int room = WORKERS - busy.get();
            int claimed = 0;
            try {
                claimed = room > 0 ? deliver.deliverDue(room, this::submit) : 0;
            } catch (RuntimeException e) {
                LOG.warn("claiming notifications failed: {}", e.getMessage());
            }
            if (claimed == 0 || claimed == room) {
                try {
                    wake.tryAcquire(POLL.toMillis(), TimeUnit.MILLISECONDS);
                    wake.drainPermits();
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    private void submit(Runnable attempt) {
        busy.incrementAndGet();
        workers.execute(() -> {
            try {
                attempt.run();
            } catch (RuntimeException e) {
                // e.g. storage down while settling: the entry's lease runs out and it is attempted again
                LOG.warn("a delivery could not be settled: {}", e.getMessage());
            } finally {
                busy.decrementAndGet();
                wake.release();
            }
        });
    }

    /** Stops claiming, lets the attempts under way finish (each ends within its deadline), then stops. */
    @Override
    public void close() {
        running = false;
        wake.release();
        pruner.shutdown();
        try {
            claimer.join(TimeUnit.SECONDS.toMillis(10));
            workers.shutdown();
            if (!workers.awaitTermination(15, TimeUnit.SECONDS)) {
                workers.shutdownNow();
            }
        } catch (InterruptedException e) {
            workers.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    private static ThreadFactory daemon(String name) {
        AtomicInteger count = new AtomicInteger();
        return r -> {
            Thread thread = new Thread(r, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
