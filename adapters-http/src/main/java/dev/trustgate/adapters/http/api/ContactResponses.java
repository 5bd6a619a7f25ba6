package dev.trustgate.adapters.http.api;

import dev.trustgate.adapters.http.support.Requests;
import dev.trustgate.application.Caller;
import dev.trustgate.application.port.in.ContactSelector;
import dev.trustgate.application.port.in.GetContactTrustUseCase;
import dev.trustgate.domain.ContactKey;
import io.javalin.http.Context;

/** Answers a command on a contact with the contact's view as it is after the command. */
final class ContactResponses {

    private final GetContactTrustUseCase getContact;

    ContactResponses(GetContactTrustUseCase getContact) {
        this.getContact = getContact;
    }

    ContactView view(Caller caller, ContactKey key) {
        return ContactView.fromDomain(getContact.get(new GetContactTrustUseCase.Query(caller,
                new ContactSelector(key.business(), key.id()))), caller.actor());
    }

    void answer(Context ctx, int status, ContactKey key) {
        ctx.status(status).json(view(Requests.caller(ctx), key));
    }
}
