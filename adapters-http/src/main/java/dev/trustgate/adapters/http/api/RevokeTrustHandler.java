package dev.trustgate.adapters.http.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trustgate.adapters.http.support.Requests;
import dev.trustgate.application.port.in.RevokeTrustUseCase;
import io.javalin.http.Context;

/** {@code DELETE …/contacts/{customer}/trust} (optional {@code {"reason"}}): the business breaks trust. */
final class RevokeTrustHandler {

    record Body(String reason) {
    }

    private final RevokeTrustUseCase useCase;
    private final ContactResponses responses;
    private final ObjectMapper json;

    RevokeTrustHandler(RevokeTrustUseCase useCase, ContactResponses responses, ObjectMapper json) {
        this.useCase = useCase;
        this.responses = responses;
        this.json = json;
    }

    void handle(Context ctx) {
        Body body = Requests.body(ctx, json, Body.class);
        responses.answer(ctx, useCase.revoke(new RevokeTrustUseCase.Command(Requests.caller(ctx), Requests.contact(ctx),
                body.reason())), 200);
    }
}
