package dev.trustgate.adapters.http.api;

import dev.trustgate.adapters.http.support.Requests;
import dev.trustgate.application.port.in.GetContactTrustUseCase;
import io.javalin.http.Context;

/** {@code GET /v1/businesses/{pnid}/contacts/{customer}}: the contact's trust view. */
final class GetContactTrustHandler {

    private final GetContactTrustUseCase useCase;

    GetContactTrustHandler(GetContactTrustUseCase useCase) {
        this.useCase = useCase;
    }

    void handle(Context ctx) {
        ctx.json(ContactView.fromDomain(useCase.get(new GetContactTrustUseCase.Query(Requests.caller(ctx), Requests.contact(ctx)))));
    }
}
