package dev.trustgate.application.service;

import dev.trustgate.application.Caller;
import dev.trustgate.application.TrustgateException;
import dev.trustgate.application.port.in.ManageParkedDeliveriesUseCase;
import dev.trustgate.application.port.in.ParkedDelivery;
import dev.trustgate.application.port.out.Clock;
import dev.trustgate.application.port.out.Outbox;
import dev.trustgate.application.port.out.OutboxEntry;
import dev.trustgate.application.port.out.Transactions;
import java.util.List;

/** {@link ManageParkedDeliveriesUseCase}: the caller's parked notifications, listed, redelivered or discarded. */
public final class ManageParkedDeliveriesService implements ManageParkedDeliveriesUseCase {

    private final Transactions transactions;
    private final Outbox outbox;
    private final Clock clock;

    public ManageParkedDeliveriesService(Transactions transactions, Outbox outbox, Clock clock) {
        this.transactions = transactions;
        this.outbox = outbox;
        this.clock = clock;
    }

    @Override
    public List<ParkedDelivery> list(Caller caller, int limit) {
        return transactions.inTransaction(() -> outbox.listParked(caller.businesses(), caller.admin(), limit)).stream()
                .map(ManageParkedDeliveriesService::parked).toList();
    }

    /** A parked entry as the use case shows it; a parked entry is due no more, its {@code nextAttemptAt} is when it parked. */
    private static ParkedDelivery parked(OutboxEntry entry) {
        ParkedDelivery.Kind kind = switch (entry.kind()) {
            case EVENT -> ParkedDelivery.Kind.EVENT;
            case RELAY -> ParkedDelivery.Kind.RELAY;
            case CONFIRMATION -> ParkedDelivery.Kind.CONFIRMATION;
        };
        return new ParkedDelivery(entry.id(), entry.business(), kind, entry.destination(), entry.eventSequence(), entry.attempts(),
                entry.lastError(), entry.nextAttemptAt(), entry.createdAt());
    }

    @Override
    public void redeliver(Caller caller, String id) {
        boolean done = transactions.inTransaction(() -> visibleParked(caller, id) && outbox.redeliver(id, clock.now()));
        if (!done) {
            throw TrustgateException.notFound("parked delivery");
        }
    }

    @Override
    public void discard(Caller caller, String id) {
        boolean done = transactions.inTransaction(() -> visibleParked(caller, id) && outbox.discardParked(id));
        if (!done) {
            throw TrustgateException.notFound("parked delivery");
        }
    }

    private boolean visibleParked(Caller caller, String id) {
        return outbox.find(id).filter(e -> e.status() == OutboxEntry.Status.PARKED && e.business().map(caller::maySee).orElse(caller.admin())).isPresent();
    }
}
