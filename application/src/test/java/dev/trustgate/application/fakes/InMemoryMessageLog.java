package dev.trustgate.application.fakes;

import dev.trustgate.application.port.out.HeldMessage;
import dev.trustgate.application.port.out.MessageLog;
import dev.trustgate.application.port.out.SentMessage;
import dev.trustgate.domain.ContactKey;
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
    public synchronized void saveHeld(HeldMessage message) {
        held.put(message.id(), message);
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
                ? new SentMessage(m.id(), to, m.recipient(), m.pin(), m.sensitive(), m.decidedAt(), m.decidedIdentity(), m.status(),
                        m.whatsappMessageId(), m.acrossChange()) : m);
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
