package dev.trustgate.application.service;

import dev.trustgate.application.port.in.ReadEventsUseCase;
import dev.trustgate.application.port.out.EventLog;
import dev.trustgate.application.port.out.RecordedEvent;
import dev.trustgate.application.port.out.Transactions;
import java.util.List;

/** {@link ReadEventsUseCase}: a business's event feed and a contact's timeline, read from the event log. */
public final class ReadEventsService implements ReadEventsUseCase {

    private final Transactions transactions;
    private final Contacts contacts;
    private final EventLog events;

    public ReadEventsService(Transactions transactions, Contacts contacts, EventLog events) {
        this.transactions = transactions;
        this.contacts = contacts;
        this.events = events;
    }

    @Override
    public Page read(Query query) {
        query.caller().requireAccess(query.business());
        return transactions.inTransaction(() -> {
            List<RecordedEvent> page = events.read(query.business(), query.after(), query.limit());
            long next = page.isEmpty() ? query.after() : page.get(page.size() - 1).sequence();
            return new Page(page, next, Math.max(next, events.head(query.business())));
        });
    }

    @Override
    public List<RecordedEvent> readContact(ContactQuery query) {
        query.caller().requireAccess(query.contact().business());
        return transactions.inTransaction(() -> events.readContact(contacts.history(contacts.find(query.contact(), false).key()),
                query.limit()));
    }
}
