package dev.trustgate.adapters.http.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trustgate.adapters.http.support.Requests;
import dev.trustgate.application.port.in.RecordAuthenticationUseCase;
import dev.trustgate.domain.Evidence;
import io.javalin.http.Context;

/** {@code POST …/contacts/{customer}/authentications}: the business verified the customer → TRUSTED. */
final class RecordAuthenticationHandler {

    record Body(String method, String reference, String operator, String evidence) {
    }

    private final RecordAuthenticationUseCase useCase;
    private final ContactResponses responses;
    private final ObjectMapper json;

    RecordAuthenticationHandler(RecordAuthenticationUseCase useCase, ContactResponses responses, ObjectMapper json) {
        this.useCase = useCase;
        this.responses = responses;
        this.json = json;
    }

    void handle(Context ctx) {
        Body body = Requests.body(ctx, json, Body.class);
        responses.answer(ctx, useCase.authenticated(new RecordAuthenticationUseCase.Command(Requests.caller(ctx),
                Requests.contact(ctx), new Evidence(body.method(), body.reference(), body.operator(), body.evidence()))), 200);
    }
}
