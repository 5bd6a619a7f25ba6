package dev.trustgate.application.port.out;

import dev.trustgate.domain.BusinessNumberId;
import dev.trustgate.domain.ContactId;
import dev.trustgate.domain.ContactKey;
import dev.trustgate.domain.HeldMessage;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Sends the gate allowed (with their pins) and the {@link HeldMessage}s it holds. A held message leaves the held
 * state only through {@link #resolve}, which applies once: of two callers racing to release or discard it, one wins
 * and the other is told it lost, whatever the database's timing.
 */
public interface MessageLog {

    /**
     * Records a send: a new record when it is {@link SentMessage.Status#SENDING} (saved so once, when it is decided),
     * else its outcome, replacing the record of the same id.
     */
    void saveSent(SentMessage message);

    /** The send WhatsApp knows by {@code wamid}. */
    Optional<SentMessage> findSentByWhatsAppId(String whatsappMessageId);

    /**
     * Stores a newly held message (status {@link HeldMessage.Status#HELD}).
     *
     * @throws ConcurrentUpdateException when a message with its id exists already
     */
    void hold(HeldMessage message);

    Optional<HeldMessage> findHeld(String id);

    /**
     * Stores {@code resolved}, a message just released or discarded, only if the stored message is still held.
     *
     * @return false when it was no longer held (released or discarded by someone else first): nothing changed
     */
    boolean resolve(HeldMessage resolved);

    /**
     * Stores {@code heldAgain}, a message held again because WhatsApp certainly did not get its release as
     * {@code releasedAs}, only if the stored message is still released as that send.
     *
     * @return whether it applied
     */
    boolean holdAgain(HeldMessage heldAgain, String releasedAs);

    /**
     * Up to {@code limit} messages of one contact still held, oldest first (by when they were held, then by id),
     * those after {@code after} in that order only.
     */
    List<HeldMessage> listHeld(ContactKey contact, Optional<HeldMessage> after, int limit);

    /** How many messages one contact has held. */
    int countHeld(ContactKey contact);

    /**
     * How many messages each of {@code contacts} (of {@code business}) has held, asked in one query; contacts
     * with none are left out.
     */
    Map<ContactId, Integer> countHeld(BusinessNumberId business, Collection<ContactId> contacts);

    /** How many messages all contacts of {@code business} have held. */
    int countHeld(BusinessNumberId business);

    /** Moves the sent and held messages of {@code from} to {@code to} (a contact absorbed by another). */
    void reassign(ContactKey from, ContactKey to);
}
