package dev.trustgate.adapters.http.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trustgate.adapters.http.support.Requests;
import dev.trustgate.application.port.in.StartReauthenticationUseCase;
import dev.trustgate.domain.ContactTrust;
import io.javalin.http.Context;
import java.time.Instant;

/** {@code POST …/contacts/{customer}/reauthentications} (body may be {@code {}}) → 201 {@code {"id","startedAt"}}. */
final class StartReauthenticationHandler {

    record Body() {
    }

    record Started(String id, Instant startedAt) {
    }

    private final StartReauthenticationUseCase useCase;
    private final ObjectMapper json;

    StartReauthenticationHandler(StartReauthenticationUseCase useCase, ObjectMapper json) {
        this.useCase = useCase;
        this.json = json;
    }

    void handle(Context ctx) {
        Requests.body(ctx, json, Body.class);
        ContactTrust contact = useCase.start(new StartReauthenticationUseCase.Command(Requests.caller(ctx), Requests.contact(ctx)));
        var reauthentication = contact.reauthentication().orElseThrow();
        ctx.status(201).json(new Started(reauthentication.id().value(), reauthentication.startedAt()));
    }
}
