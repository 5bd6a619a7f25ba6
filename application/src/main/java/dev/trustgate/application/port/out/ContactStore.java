package dev.trustgate.application.port.out;

import dev.trustgate.domain.BusinessNumberId;
import dev.trustgate.domain.ContactKey;
import dev.trustgate.domain.ContactTrust;
import dev.trustgate.domain.CustomerName;
import dev.trustgate.domain.TrustState;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The contacts' trust records and the names they are known by. A name (wa_id, user id, parent user id)
 * belongs to at most one contact of a business number; a contact keeps the names it was ever given, its
 * current ones ({@link ContactTrust#names()}) and earlier ones alike. Every write is checked against the
 * version it was read at.
 */
public interface ContactStore {

    Optional<ContactTrust> find(ContactKey key);

    /**
     * Reads the contact and, inside a transaction, keeps others from changing it until the
     * transaction ends; used where a decision must not race a change (the send gate).
     */
    Optional<ContactTrust> findForUpdate(ContactKey key);

    /** The contact each of {@code names} belongs to (matched exactly); names nobody has are left out. */
    Map<CustomerName, ContactKey> resolve(BusinessNumberId business, Collection<? extends CustomerName> names);

    /**
     * Stores {@code contact}: inserted when its version is 1, otherwise updated only if the stored
     * version is {@code contact.version() - 1}. Names are linked with {@link #link}, not here.
     *
     * @throws ConcurrentUpdateException when another writer got there first
     */
    void save(ContactTrust contact);

    /**
     * Links {@code name} to {@code contact}; nothing happens when it is already the contact's.
     *
     * @throws ConcurrentUpdateException when the name belongs to another contact (a racing writer linked it)
     */
    void link(ContactKey contact, CustomerName name, Instant at);

    /** Detaches {@code name} from whichever contact of {@code business} has it. */
    void unlink(BusinessNumberId business, CustomerName name);

    /** The names ever linked to {@code contact}, current and earlier ones. */
    List<CustomerName> names(ContactKey contact);

    /**
     * Retires a contact absorbed by {@code into}: it is no longer found, listed or named (its names go with
     * it until linked to {@code into}), and its id leads to {@code into} from now on. Checked against the
     * version it was read at.
     *
     * @throws ConcurrentUpdateException when it changed since
     */
    void mergeInto(ContactTrust absorbed, ContactKey into);

    /** The contact a retired contact was merged into, if {@code key} is one. */
    Optional<ContactKey> mergedInto(ContactKey key);

    /** The contacts merged into {@code survivor} directly. */
    List<ContactKey> absorbedBy(ContactKey survivor);

    /**
     * Records that the customer of {@code movedTo} left the number of {@code detached} at {@code at}
     * ({@code user_changed_number}): signals about that number from before {@code at} are about them.
     */
    void recordDeparture(ContactKey detached, ContactKey movedTo, Instant at);

    /** Who left the number of {@code detached}, and when; empty for any other contact. */
    Optional<Departure> departure(ContactKey detached);

    /** The customer who left a number, and when they did. */
    record Departure(ContactKey movedTo, Instant at) {
    }

    /** Contacts of one business in contact id order, optionally only those in {@code state}, after a cursor. */
    Page<ContactTrust> list(BusinessNumberId business, Optional<TrustState> state, Optional<String> after, int limit);

    /** One page of a listing and the cursor of the next page, if there is one. */
    record Page<T>(List<T> items, Optional<String> next) {
        public Page {
            items = List.copyOf(items);
        }
    }
}
