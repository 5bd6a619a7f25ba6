package dev.trustgate.application.service;

import dev.trustgate.application.port.in.ListHeldMessagesUseCase;
import dev.trustgate.application.port.out.HeldMessage;
import dev.trustgate.application.port.out.MessageLog;
import java.util.List;

public final class ListHeldMessagesService implements ListHeldMessagesUseCase {

    private final Retry retry;
    private final Contacts contacts;
    private final MessageLog messages;

    public ListHeldMessagesService(Retry retry, Contacts contacts, MessageLog messages) {
        this.retry = retry;
        this.contacts = contacts;
        this.messages = messages;
    }

    @Override
    public List<HeldMessage> list(Query query) {
        query.caller().requireAccess(query.contact().business());
        return retry.inTransaction(() -> messages.listHeld(contacts.find(query.contact(), false).key()));
    }
}
