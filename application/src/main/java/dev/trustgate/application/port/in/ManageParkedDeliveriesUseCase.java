package dev.trustgate.application.port.in;

import dev.trustgate.application.Caller;
import java.util.List;

/** Deliveries that used up their retry budget: visible, redeliverable, discardable. */
public interface ManageParkedDeliveriesUseCase {

    /** The parked deliveries of the business numbers the caller may see, in the order they were queued. */
    List<ParkedDelivery> list(Caller caller, int limit);

    /** Puts a parked delivery back in line, due now. */
    void redeliver(Caller caller, String id);

    /** Drops a parked delivery for good, releasing the deliveries behind it. */
    void discard(Caller caller, String id);
}
