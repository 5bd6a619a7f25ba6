package dev.trustgate.adapters.notify;

import dev.trustgate.application.port.out.RecordedEvent;
import dev.trustgate.application.port.out.Subscription;
import dev.trustgate.domain.Actor;
import dev.trustgate.domain.ContactKey;
import dev.trustgate.domain.ContactNames;
import dev.trustgate.domain.ContactRef;
import dev.trustgate.domain.WaId;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

/** A subscription and an event to deliver, as the outbox hands them over. */
final class Samples {

    private Samples() {
    }

    static Subscription subscription(String url, byte[] secret) {
        return new Subscription("sub_1", "key_1", url, Set.of(), Set.of(), secret, true, Instant.EPOCH);
    }

    static RecordedEvent event() {
        return new RecordedEvent(7, "contact.identity_changed",
                new ContactRef(ContactKey.of("106540352242922", "ct_1"), ContactNames.of(new WaId("16505551234"))),
                Instant.parse("2026-06-01T11:59:00Z"), new Actor("whatsapp"), Map.of("identityHash", "DF2lS5v2W6x="),
                "prev", "hash", RecordedEvent.CURRENT_FORMAT);
    }
}
