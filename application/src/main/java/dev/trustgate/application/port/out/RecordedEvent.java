package dev.trustgate.application.port.out;

import dev.trustgate.domain.Actor;
import dev.trustgate.domain.ContactRef;
import java.time.Instant;
import java.util.Map;

/**
 * An event as the log keeps it: numbered per business number from 1, chained to the previous event of
 * the same business by {@code previousHash}, and sealed by {@code hash} (see {@code AuditChain}).
 * {@code contact} names the contact as it was named when the event happened. {@code format} is the
 * canonical form the hash was computed over: {@link #CURRENT_FORMAT} for new events, {@link #WA_ID_FORMAT}
 * for events recorded before contacts had several names (their hash covers the wa_id only).
 */
public record RecordedEvent(long sequence, String type, ContactRef contact, Instant at, Actor actor,
                            Map<String, String> data, String previousHash, String hash, int format) {

    public static final int WA_ID_FORMAT = 1;
    public static final int CURRENT_FORMAT = 2;

    public RecordedEvent {
        data = Map.copyOf(data);
        if (format != WA_ID_FORMAT && format != CURRENT_FORMAT) {
            throw new IllegalArgumentException("unknown event format " + format);
        }
        if (format == WA_ID_FORMAT && contact.names().waId().isEmpty()) {
            throw new IllegalArgumentException("an event of the wa_id format names its wa_id");
        }
    }
}
