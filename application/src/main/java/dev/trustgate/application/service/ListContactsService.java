package dev.trustgate.application.service;

import dev.trustgate.application.port.in.ContactList;
import dev.trustgate.application.port.in.ContactTrustView;
import dev.trustgate.application.port.in.ListContactsUseCase;
import dev.trustgate.application.port.out.BusinessStore;
import dev.trustgate.application.port.out.MessageLog;
import dev.trustgate.application.port.out.Transactions;
import dev.trustgate.domain.BusinessNumber;
import dev.trustgate.application.port.out.ContactStore;
import dev.trustgate.domain.ContactId;
import dev.trustgate.domain.ContactTrust;
import java.util.List;
import java.util.Map;

/** Lists a business's contacts a page at a time, each page's held messages counted in one query. */
public final class ListContactsService implements ListContactsUseCase {

    private final Transactions transactions;
    private final ContactStore contacts;
    private final BusinessStore businesses;
    private final MessageLog messages;

    public ListContactsService(Transactions transactions, ContactStore contacts, BusinessStore businesses, MessageLog messages) {
        this.transactions = transactions;
        this.contacts = contacts;
        this.businesses = businesses;
        this.messages = messages;
    }

    @Override
    public ContactList list(Query query) {
        query.caller().requireAccess(query.business());
        return transactions.inTransaction(() -> {
            ContactStore.Page<ContactTrust> page = contacts.list(query.business(), query.state(), query.after(), query.limit());
            BusinessNumber business = businesses.findOrUnknown(query.business());
            Map<ContactId, Integer> held = messages.countHeld(query.business(),
                    page.items().stream().map(contact -> contact.key().id()).toList());
            List<ContactTrustView> views = page.items().stream()
                    .map(contact -> ContactTrustView.of(contact, business, held.getOrDefault(contact.key().id(), 0)))
                    .toList();
            return new ContactList(views, page.next());
        });
    }
}
