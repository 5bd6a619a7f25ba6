package dev.trustgate.application.service;

import dev.trustgate.application.port.in.PruneDeliveredNotificationsUseCase;
import dev.trustgate.application.port.out.Clock;
import dev.trustgate.application.port.out.Outbox;
import dev.trustgate.application.port.out.Transactions;
import java.time.Duration;
import java.time.Instant;

/** Deletes delivered outbox entries past the retention, in small transactions so it never holds many rows locked. */
public final class PruneDeliveredNotificationsService implements PruneDeliveredNotificationsUseCase {

    static final int BATCH = 500;

    private final Transactions transactions;
    private final Outbox outbox;
    private final Clock clock;

    public PruneDeliveredNotificationsService(Transactions transactions, Outbox outbox, Clock clock) {
        this.transactions = transactions;
        this.outbox = outbox;
        this.clock = clock;
    }

    @Override
    public int pruneDelivered(Duration retention) {
        if (retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException("the retention must be positive");
        }
        Instant before = clock.now().minus(retention);
        int total = 0;
        int deleted;
        do {
            deleted = transactions.inTransaction(() -> outbox.pruneDelivered(before, BATCH));
            total += deleted;
        } while (deleted == BATCH);
        return total;
    }
}
