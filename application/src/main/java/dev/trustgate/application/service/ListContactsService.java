package dev.trustgate.application.service;

import dev.trustgate.application.port.in.ListContactsUseCase;
import dev.trustgate.application.port.out.ContactStore;
import dev.trustgate.domain.ContactTrust;

public final class ListContactsService implements ListContactsUseCase {

    private final Retry retry;
    private final ContactStore contacts;

    public ListContactsService(Retry retry, ContactStore contacts) {
        this.retry = retry;
        this.contacts = contacts;
    }

    @Override
    public ContactStore.Page<ContactTrust> list(Query query) {
        query.caller().requireAccess(query.business());
        return retry.inTransaction(() -> contacts.list(query.business(), query.state(), query.after(), query.limit()));
    }
}
