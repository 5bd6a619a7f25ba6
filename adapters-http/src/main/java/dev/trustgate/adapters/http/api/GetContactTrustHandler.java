package dev.trustgate.adapters.http.api;

import dev.trustgate.adapters.http.support.Requests;
import dev.trustgate.application.Caller;
import dev.trustgate.application.port.in.GetContactTrustUseCase;
import io.javalin.http.Context;

/** {@code GET /v1/businesses/{pnid}/contacts/{customer}}: the contact's trust view. */
final class GetContactTrustHandler {

    private final GetContactTrustUseCase useCase;

    GetContactTrustHandler(GetContactTrustUseCase useCase) {
        this.useCase = useCase;
    }

    void handle(Context ctx) {
        Caller caller = Requests.caller(ctx);
        ctx.json(ContactView.fromDomain(useCase.get(new GetContactTrustUseCase.Query(caller, Requests.contact(ctx))), caller.actor()));
    }
}
