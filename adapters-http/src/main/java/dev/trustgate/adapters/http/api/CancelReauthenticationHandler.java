package dev.trustgate.adapters.http.api;

import dev.trustgate.adapters.http.support.Requests;
import dev.trustgate.application.port.in.CancelReauthenticationUseCase;
import dev.trustgate.domain.ReauthenticationId;
import io.javalin.http.Context;

/** {@code DELETE …/contacts/{customer}/reauthentications/{id}}: abandons the running re-authentication. */
final class CancelReauthenticationHandler {

    private final CancelReauthenticationUseCase useCase;
    private final ContactResponses responses;

    CancelReauthenticationHandler(CancelReauthenticationUseCase useCase, ContactResponses responses) {
        this.useCase = useCase;
        this.responses = responses;
    }

    void handle(Context ctx) {
        responses.answer(ctx, useCase.cancel(new CancelReauthenticationUseCase.Command(Requests.caller(ctx), Requests.contact(ctx),
                new ReauthenticationId(ctx.pathParam("id")))), 200);
    }
}
