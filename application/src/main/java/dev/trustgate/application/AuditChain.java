package dev.trustgate.application;

import dev.trustgate.application.port.out.RecordedEvent;
import dev.trustgate.domain.ContactRef;
import dev.trustgate.domain.ParentUserId;
import dev.trustgate.domain.UserId;
import dev.trustgate.domain.WaId;
import dev.trustgate.domain.TrustEvent;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * The tamper-evident seal of the event log: each event's hash is SHA-256 over its canonical content
 * and the previous event's hash of the same business number. Every {@code EventLog} implementation
 * seals and verifies with this one class, so all agree byte for byte.
 */
public final class AuditChain {

    /** The "previous hash" of a business number's first event. */
    public static final String GENESIS = "0".repeat(64);

    private AuditChain() {
    }

    public static RecordedEvent seal(TrustEvent event, long sequence, String previousHash) {
        RecordedEvent unsealed = new RecordedEvent(sequence, event.type(), event.contact(), event.at(), event.actor(),
                event.data(), previousHash, "", RecordedEvent.CURRENT_FORMAT);
        return new RecordedEvent(sequence, unsealed.type(), unsealed.contact(), unsealed.at(), unsealed.actor(),
                unsealed.data(), previousHash, hash(unsealed), RecordedEvent.CURRENT_FORMAT);
    }

    /**
     * The hash {@code event} should carry given its content and its {@code previousHash}. Events of the
     * current format cover the contact id and every name; events recorded before contacts had several
     * names ({@link RecordedEvent#WA_ID_FORMAT}) keep the form they were sealed with: the wa_id alone.
     */
    public static String hash(RecordedEvent event) {
        StringBuilder canonical = new StringBuilder();
        if (event.format() == RecordedEvent.CURRENT_FORMAT) {
            canonical.append("v2;");
        }
        field(canonical, Long.toString(event.sequence()));
        field(canonical, event.type());
        ContactRef contact = event.contact();
        field(canonical, contact.business().value());
        if (event.format() == RecordedEvent.WA_ID_FORMAT) {
            field(canonical, contact.names().waId().orElseThrow().value());
        } else {
            field(canonical, contact.id().value());
            field(canonical, contact.names().waId().map(WaId::value).orElse(""));
            field(canonical, contact.names().userId().map(UserId::value).orElse(""));
            field(canonical, contact.names().parentUserId().map(ParentUserId::value).orElse(""));
        }
        field(canonical, event.at().toString());
        field(canonical, event.actor().id());
        for (Map.Entry<String, String> entry : new TreeMap<>(event.data()).entrySet()) {
            field(canonical, entry.getKey());
            field(canonical, entry.getValue());
        }
        field(canonical, event.previousHash());
        return sha256(canonical.toString());
    }

    private static void field(StringBuilder canonical, String value) {
        canonical.append(value.length()).append(':').append(value).append(';');
    }

    public static String sha256(String text) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
