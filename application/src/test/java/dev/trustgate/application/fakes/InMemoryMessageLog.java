package dev.trustgate.application.fakes;

import dev.trustgate.application.port.out.ConcurrentUpdateException;
import dev.trustgate.application.port.out.MessageLog;
import dev.trustgate.application.port.out.SentMessage;
import dev.trustgate.domain.BusinessNumberId;
import dev.trustgate.domain.ContactId;
import dev.trustgate.domain.ContactKey;
import dev.trustgate.domain.HeldMessage;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

public final class InMemoryMessageLog implements MessageLog, InMemoryState {

    private Map<String, SentMessage> sent = new LinkedHashMap<>();
    private Map<String, HeldMessage> held = new LinkedHashMap<>();

    @Override
    public synchronized void saveSent(SentMessage message) {
        if (message.status() == SentMessage.Status.SENDING && sent.containsKey(message.id())) {
            throw new IllegalStateException("send " + message.id() + " was recorded already: a send is saved SENDING once");
        }
        sent.put(message.id(), message);
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
    public synchronized boolean resolve(HeldMessage resolved) {
        if (resolved.held()) {
            throw new IllegalArgumentException("a held message is resolved as released or discarded");
        }
        HeldMessage message = held.get(resolved.id());
        if (message == null || !message.held()) {
            return false;
        }
        held.put(resolved.id(), resolved);
        return true;
    }

    @Override
    public synchronized boolean holdAgain(HeldMessage heldAgain, String releasedAs) {
        if (!heldAgain.held()) {
            throw new IllegalArgumentException("a message is held again as held, not " + heldAgain.status());
        }
        HeldMessage message = held.get(heldAgain.id());
        if (message == null || message.status() != HeldMessage.Status.RELEASED
                || !message.sentMessageId().equals(Optional.of(releasedAs))) {
            return false;
        }
        held.put(heldAgain.id(), heldAgain);
        return true;
    }

    @Override
    public synchronized Optional<HeldMessage> findHeld(String id) {
        return Optional.ofNullable(held.get(id));
    }

    /** Oldest first: by when held, then by id. */
    private static final Comparator<HeldMessage> ORDER = Comparator.comparing(HeldMessage::heldAt).thenComparing(HeldMessage::id);

    @Override
    public synchronized List<HeldMessage> listHeld(ContactKey contact, Optional<HeldMessage> after, int limit) {
        return held.values().stream().filter(m -> m.contact().equals(contact) && m.status() == HeldMessage.Status.HELD)
                .filter(m -> after.isEmpty() || ORDER.compare(m, after.get()) > 0)
                .sorted(ORDER).limit(limit).toList();
    }

    @Override
    public synchronized int countHeld(ContactKey contact) {
        return (int) held.values().stream().filter(m -> m.contact().equals(contact) && m.status() == HeldMessage.Status.HELD).count();
    }

    @Override
    public synchronized Map<ContactId, Integer> countHeld(BusinessNumberId business, Collection<ContactId> contacts) {
        Map<ContactId, Integer> counts = new HashMap<>();
        held.values().stream().filter(m -> m.status() == HeldMessage.Status.HELD && m.contact().business().equals(business)
                        && contacts.contains(m.contact().id()))
                .forEach(m -> counts.merge(m.contact().id(), 1, Integer::sum));
        return counts;
    }

    @Override
    public synchronized int countHeld(BusinessNumberId business) {
        return (int) held.values().stream().filter(m -> m.contact().business().equals(business) && m.status() == HeldMessage.Status.HELD)
                .count();
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
