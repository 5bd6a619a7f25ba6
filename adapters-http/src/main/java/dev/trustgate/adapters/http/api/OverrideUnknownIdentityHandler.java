package dev.trustgate.adapters.http.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trustgate.adapters.http.support.Requests;
import dev.trustgate.application.port.in.OverrideUnknownIdentityUseCase;
import io.javalin.http.Context;

/** {@code POST …/contacts/{customer}/identity-override} {@code {"reason"}}: clears a change whose hash is unknown. */
final class OverrideUnknownIdentityHandler {

    record Body(String reason) {
    }

    private final OverrideUnknownIdentityUseCase useCase;
    private final ContactResponses responses;
    private final ObjectMapper json;

    OverrideUnknownIdentityHandler(OverrideUnknownIdentityUseCase useCase, ContactResponses responses, ObjectMapper json) {
        this.useCase = useCase;
        this.responses = responses;
        this.json = json;
    }

    void handle(Context ctx) {
        Body body = Requests.body(ctx, json, Body.class);
        responses.answer(ctx, useCase.override(new OverrideUnknownIdentityUseCase.Command(Requests.caller(ctx),
                Requests.contact(ctx), body.reason())), view -> view.contact().blocked() ? 202 : 200);
    }
}
