package dev.trustgate.bootstrap;

import dev.trustgate.application.port.in.DeliverNotificationsUseCase;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs the notification use case every half second (first attempt within 2 s of a commit); stops cleanly. */
final class NotificationDispatcher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(NotificationDispatcher.class);

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "trustgate-notifications");
        thread.setDaemon(true);
        return thread;
    });

    NotificationDispatcher(DeliverNotificationsUseCase useCase) {
        scheduler.scheduleWithFixedDelay(() -> {
            try {
                while (useCase.deliverDue(50) > 0 && !Thread.currentThread().isInterrupted()) {
                    // drain what is due now
                }
            } catch (RuntimeException e) {
                LOG.warn("notification delivery round failed: {}", e.getMessage());
            }
        }, 500, 500, TimeUnit.MILLISECONDS);
    }

    /** Lets the current delivery finish, then stops. */
    @Override
    public void close() {
        scheduler.shutdown();
        try {
            if (!scheduler.awaitTermination(10, TimeUnit.SECONDS)) {
                scheduler.shutdownNow();
            }
        } catch (InterruptedException e) {
            scheduler.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
