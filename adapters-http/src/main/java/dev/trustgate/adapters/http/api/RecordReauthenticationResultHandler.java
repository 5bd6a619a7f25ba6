package dev.trustgate.adapters.http.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trustgate.adapters.http.support.Requests;
import dev.trustgate.application.port.in.RecordReauthenticationResultUseCase;
import dev.trustgate.domain.ContactTrust;
import dev.trustgate.domain.Evidence;
import dev.trustgate.domain.ReauthenticationId;
import io.javalin.http.Context;

/** {@code POST …/reauthentications/{id}/result} {@code {"outcome":"succeeded"|"failed","method","reference"}}. */
final class RecordReauthenticationResultHandler {

    record Body(String outcome, String method, String reference, String operator, String evidence) {
    }

    private final RecordReauthenticationResultUseCase useCase;
    private final ContactResponses responses;
    private final ObjectMapper json;

    RecordReauthenticationResultHandler(RecordReauthenticationResultUseCase useCase, ContactResponses responses, ObjectMapper json) {
        this.useCase = useCase;
        this.responses = responses;
        this.json = json;
    }

    void handle(Context ctx) {
        Body body = Requests.body(ctx, json, Body.class);
        boolean succeeded;
        if ("succeeded".equals(body.outcome())) {
            succeeded = true;
        } else if ("failed".equals(body.outcome())) {
            succeeded = false;
        } else {
            throw new IllegalArgumentException("outcome must be succeeded or failed");
        }
        responses.answer(ctx, useCase.record(new RecordReauthenticationResultUseCase.Command(Requests.caller(ctx),
                Requests.contact(ctx), new ReauthenticationId(ctx.pathParam("id")), succeeded,
                new Evidence(body.method(), body.reference(), body.operator(), body.evidence()))), 200);
    }
}
