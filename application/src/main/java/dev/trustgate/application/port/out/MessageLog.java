package dev.trustgate.application.port.out;

import dev.trustgate.domain.ContactKey;
import java.util.List;
import java.util.Optional;

/** Sends the gate allowed (with their pins) and messages it holds. */
public interface MessageLog {

    /** Inserts or replaces a sent-message record by its id. */
    void saveSent(SentMessage message);

    Optional<SentMessage> findSent(String id);

    /** The send WhatsApp knows by {@code wamid}. */
    Optional<SentMessage> findSentByWhatsAppId(String whatsappMessageId);

    /** Inserts or replaces a held message by its id. */
    void saveHeld(HeldMessage message);

    Optional<HeldMessage> findHeld(String id);

    /** Messages of one contact still held, oldest first. */
    List<HeldMessage> listHeld(ContactKey contact);

    int countHeld(ContactKey contact);

    /** Moves the sent and held messages of {@code from} to {@code to} (a contact absorbed by another). */
    void reassign(ContactKey from, ContactKey to);
}
