package dev.trustgate.application.port.out;

import dev.trustgate.domain.BusinessNumberId;
import dev.trustgate.domain.ContactKey;
import dev.trustgate.domain.ContactTrust;
import dev.trustgate.domain.TrustState;
import java.util.List;
import java.util.Optional;

/** The contacts' trust records. Every write is checked against the version it was read at. */
public interface ContactStore {

    Optional<ContactTrust> find(ContactKey key);

    /**
     * Reads the contact and, inside a transaction, keeps others from changing it until the
     * transaction ends; used where a decision must not race a change (the send gate).
     */
    Optional<ContactTrust> findForUpdate(ContactKey key);

    /**
     * Stores {@code contact}: inserted when its version is 1, otherwise updated only if the stored
     * version is {@code contact.version() - 1}.
     *
     * @throws ConcurrentUpdateException when another writer got there first
     */
    void save(ContactTrust contact);

    /** Contacts of one business in wa_id order, optionally only those in {@code state}, after a cursor. */
    Page<ContactTrust> list(BusinessNumberId business, Optional<TrustState> state, Optional<String> after, int limit);

    /** One page of a listing and the cursor of the next page, if there is one. */
    record Page<T>(List<T> items, Optional<String> next) {
        public Page {
            items = List.copyOf(items);
        }
    }
}
