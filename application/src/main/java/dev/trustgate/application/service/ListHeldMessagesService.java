package dev.trustgate.application.service;

import dev.trustgate.application.port.in.ListHeldMessagesUseCase;
import dev.trustgate.application.port.out.ContactStore;
import dev.trustgate.application.port.out.MessageLog;
import dev.trustgate.application.port.out.Transactions;
import dev.trustgate.domain.ContactKey;
import dev.trustgate.domain.HeldMessage;
import java.util.List;
import java.util.Optional;

/** {@link ListHeldMessagesUseCase}: a page of one contact's held messages. */
public final class ListHeldMessagesService implements ListHeldMessagesUseCase {

    private final Transactions transactions;
    private final Contacts contacts;
    private final MessageLog messages;

    public ListHeldMessagesService(Transactions transactions, Contacts contacts, MessageLog messages) {
        this.transactions = transactions;
        this.contacts = contacts;
        this.messages = messages;
    }

    @Override
    public ContactStore.Page<HeldMessage> list(Query query) {
        query.caller().requireAccess(query.contact().business());
        return transactions.inTransaction(() -> {
            ContactKey contact = contacts.find(query.contact(), false).key();
            Optional<HeldMessage> after = query.after().map(id -> messages.findHeld(id)
                    .filter(m -> m.contact().equals(contact))
                    .orElseThrow(() -> new IllegalArgumentException("after must be the next of a previous page: the id of a "
                            + "message held for this contact")));
            List<HeldMessage> found = messages.listHeld(contact, after, query.limit() + 1);
            List<HeldMessage> page = found.stream().limit(query.limit()).toList();
            return new ContactStore.Page<>(page, found.size() > query.limit()
                    ? Optional.of(page.get(page.size() - 1).id()) : Optional.<String>empty());
        });
    }
}
