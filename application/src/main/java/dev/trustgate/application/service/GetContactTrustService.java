package dev.trustgate.application.service;

import dev.trustgate.application.port.in.ContactTrustView;
import dev.trustgate.application.port.in.GetContactTrustUseCase;
import dev.trustgate.application.port.out.BusinessStore;
import dev.trustgate.application.port.out.MessageLog;
import dev.trustgate.application.port.out.Transactions;
import dev.trustgate.domain.ContactTrust;

/** {@link GetContactTrustUseCase}: the contact, its business and its held messages, read in one transaction. */
public final class GetContactTrustService implements GetContactTrustUseCase {

    private final Transactions transactions;
    private final Contacts contacts;
    private final BusinessStore businesses;
    private final MessageLog messages;

    public GetContactTrustService(Transactions transactions, Contacts contacts, BusinessStore businesses, MessageLog messages) {
        this.transactions = transactions;
        this.contacts = contacts;
        this.businesses = businesses;
        this.messages = messages;
    }

    @Override
    public ContactTrustView get(Query query) {
        query.caller().requireAccess(query.contact().business());
        return transactions.inTransaction(() -> {
            ContactTrust contact = contacts.find(query.contact(), false);
            return ContactTrustView.of(contact, businesses.findOrUnknown(query.contact().business()), messages.countHeld(contact.key()));
        });
    }
}
