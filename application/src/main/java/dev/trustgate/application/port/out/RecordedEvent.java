package dev.trustgate.application.port.out;

import dev.trustgate.domain.Actor;
import dev.trustgate.domain.ContactKey;
import java.time.Instant;
import java.util.Map;

/**
 * An event as the log keeps it: numbered per business number from 1, chained to the previous event of
 * the same business by {@code previousHash}, and sealed by {@code hash} (see {@code AuditChain}).
 */
public record RecordedEvent(long sequence, String type, ContactKey contact, Instant at, Actor actor,
                            Map<String, String> data, String previousHash, String hash) {

    public RecordedEvent {
        data = Map.copyOf(data);
    }
}
