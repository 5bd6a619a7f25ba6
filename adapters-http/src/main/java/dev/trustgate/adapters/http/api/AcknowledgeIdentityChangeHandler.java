package dev.trustgate.adapters.http.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trustgate.adapters.http.support.Requests;
import dev.trustgate.application.port.in.AcknowledgeIdentityChangeUseCase;
import dev.trustgate.domain.Evidence;
import dev.trustgate.domain.IdentityHash;
import io.javalin.http.Context;

/**
 * {@code POST …/contacts/{customer}/acknowledgements} {@code {"identityHash","operator"?,"evidence"?}}: 200
 * with the unblocked contact, or 202 while four-eyes waits for a second key.
 */
final class AcknowledgeIdentityChangeHandler {

    record Body(String identityHash, String operator, String evidence, String method, String reference) {
    }

    private final AcknowledgeIdentityChangeUseCase useCase;
    private final ContactResponses responses;
    private final ObjectMapper json;

    AcknowledgeIdentityChangeHandler(AcknowledgeIdentityChangeUseCase useCase, ContactResponses responses, ObjectMapper json) {
        this.useCase = useCase;
        this.responses = responses;
        this.json = json;
    }

    void handle(Context ctx) {
        Body body = Requests.body(ctx, json, Body.class);
        if (body.identityHash() == null) {
            throw new IllegalArgumentException("identityHash is required: the hash of the identity being acknowledged");
        }
        responses.answer(ctx, useCase.acknowledge(new AcknowledgeIdentityChangeUseCase.Command(
                Requests.caller(ctx), Requests.contact(ctx), new IdentityHash(body.identityHash()),
                new Evidence(body.method(), body.reference(), body.operator(), body.evidence()))),
                view -> view.contact().blocked() ? 202 : 200);
    }
}
