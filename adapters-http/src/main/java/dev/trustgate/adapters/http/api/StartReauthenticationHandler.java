package dev.trustgate.adapters.http.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trustgate.adapters.http.support.Requests;
import dev.trustgate.application.port.in.StartReauthenticationUseCase;
import io.javalin.http.Context;
import java.time.Instant;

/** {@code POST …/contacts/{customer}/reauthentications} (body may be {@code {}}) → 201 {@code {"id","startedAt"}}. */
final class StartReauthenticationHandler {

    record Body() {
    }

    record Started(String id, Instant startedAt) {
    }

    private final StartReauthenticationUseCase useCase;
    private final ContactResponses responses;
    private final ObjectMapper json;

    StartReauthenticationHandler(StartReauthenticationUseCase useCase, ContactResponses responses, ObjectMapper json) {
        this.useCase = useCase;
        this.responses = responses;
        this.json = json;
    }

    void handle(Context ctx) {
        Requests.body(ctx, json, Body.class);
        responses.answerChange(ctx, useCase.start(new StartReauthenticationUseCase.Command(Requests.caller(ctx),
                Requests.contact(ctx))), view -> {
                    var reauthentication = view.contact().reauthentication().orElseThrow();
                    ctx.status(201).json(new Started(reauthentication.id().value(), reauthentication.startedAt()));
                });
    }
}
