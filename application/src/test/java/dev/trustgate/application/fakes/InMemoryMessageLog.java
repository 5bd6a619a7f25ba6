package dev.trustgate.application.fakes;

import dev.trustgate.application.port.out.ConcurrentUpdateException;
import dev.trustgate.application.port.out.HeldMessage;
import dev.trustgate.application.port.out.MessageLog;
import dev.trustgate.application.port.out.SentMessage;
import dev.trustgate.domain.ContactKey;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

public final class InMemoryMessageLog implements MessageLog, InMemoryState {

    private Map<String, SentMessage> sent = new LinkedHashMap<>();
    private Map<String, HeldMessage> held = new LinkedHashMap<>();

    @Override
    public synchronized void saveSent(SentMessage message) {
        sent.put(message.id(), message);
    }

    @Override
    public synchronized Optional<SentMessage> findSent(String id) {
        return Optional.ofNullable(sent.get(id));
    }

    @Override
    public synchronized Optional<SentMessage> findSentByWhatsAppId(String whatsappMessageId) {
        return sent.values().stream().filter(m -> m.whatsappMessageId().filter(whatsappMessageId::equals).isPresent()).findFirst();
    }

    @Override
    public synchronized void hold(HeldMessage message) {
        if (message.status() != HeldMessage.Status.HELD) {
            throw new IllegalArgumentException("a message is stored as held, not " + message.status());
        }
        if (held.putIfAbsent(message.id(), message) != null) {
            throw new ConcurrentUpdateException("message " + message.id() + " was written concurrently");
        }
    }

    @Override
    public synchronized boolean resolve(String id, HeldMessage.Status outcome, Optional<String> sentMessageId, Instant at) {
        if (outcome == HeldMessage.Status.HELD) {
            throw new IllegalArgumentException("a held message is resolved as released or discarded");
        }
        HeldMessage message = held.get(id);
        if (message == null || message.status() != HeldMessage.Status.HELD) {
            return false;
        }
        held.put(id, message.resolved(outcome, sentMessageId, at));
        return true;
    }

    @Override
    public synchronized boolean holdAgain(String id, String sentMessageId) {
        HeldMessage message = held.get(id);
        if (message == null || message.status() != HeldMessage.Status.RELEASED
                || !message.sentMessageId().equals(Optional.of(sentMessageId))) {
            return false;
        }
        held.put(id, message.heldAgain());
        return true;
    }

    @Override
    public synchronized Optional<HeldMessage> findHeld(String id) {
        return Optional.ofNullable(held.get(id));
    }

    @Override
    public synchronized List<HeldMessage> listHeld(ContactKey contact) {
        return held.values().stream().filter(m -> m.contact().equals(contact) && m.status() == HeldMessage.Status.HELD)
                .sorted(Comparator.comparing(HeldMessage::heldAt)).toList();
    }

    @Override
    public synchronized int countHeld(ContactKey contact) {
        return listHeld(contact).size();
    }

    @Override
    public synchronized void reassign(ContactKey from, ContactKey to) {
        sent.replaceAll((id, m) -> m.contact().equals(from)
                ? new SentMessage(m.id(), to, m.pin(), m.sensitive(), m.decidedAt(), m.status(), m.whatsappMessageId()) : m);
        held.replaceAll((id, m) -> m.contact().equals(from)
                ? new HeldMessage(m.id(), to, m.recipient(), m.body(), m.sensitive(), m.reason(), m.heldAt(), m.status(),
                        m.sentMessageId(), m.resolvedAt()) : m);
    }

    /** Every send the gate allowed, in order. */
    public synchronized List<SentMessage> allSent() {
        return List.copyOf(sent.values());
    }

    @Override
    public synchronized Object snapshot() {
        return List.of(new LinkedHashMap<>(sent), new LinkedHashMap<>(held));
    }

    @Override
    @SuppressWarnings("unchecked")
    public synchronized void restore(Object snapshot) {
        List<Object> both = (List<Object>) snapshot;
        sent = new LinkedHashMap<>((Map<String, SentMessage>) both.get(0));
        held = new LinkedHashMap<>((Map<String, HeldMessage>) both.get(1));
    }
}
