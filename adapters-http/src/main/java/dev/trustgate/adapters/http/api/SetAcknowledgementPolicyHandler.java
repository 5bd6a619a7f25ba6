package dev.trustgate.adapters.http.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trustgate.adapters.http.support.Requests;
import dev.trustgate.application.port.in.SetAcknowledgementPolicyUseCase;
import dev.trustgate.domain.AcknowledgementPolicy;
import io.javalin.http.Context;
import java.util.Arrays;
import java.util.Locale;

/** {@code PUT /v1/businesses/{pnid}/acknowledgement-policy} {@code {"policy":"FOUR_EYES"}} (admin key). */
final class SetAcknowledgementPolicyHandler {

    record Body(String policy) {
    }

    private final SetAcknowledgementPolicyUseCase useCase;
    private final ObjectMapper json;

    SetAcknowledgementPolicyHandler(SetAcknowledgementPolicyUseCase useCase, ObjectMapper json) {
        this.useCase = useCase;
        this.json = json;
    }

    void handle(Context ctx) {
        Body body = Requests.body(ctx, json, Body.class);
        AcknowledgementPolicy policy = parse(body.policy());
        ctx.json(OptInToIdentityChecksHandler.View.fromDomain(useCase.setPolicy(
                new SetAcknowledgementPolicyUseCase.Command(Requests.caller(ctx), Requests.business(ctx), policy))));
    }

    static AcknowledgementPolicy parse(String value) {
        if (value == null) {
            throw new IllegalArgumentException("policy is required: one of " + Arrays.toString(AcknowledgementPolicy.values()));
        }
        try {
            return AcknowledgementPolicy.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("policy must be one of " + Arrays.toString(AcknowledgementPolicy.values()));
        }
    }
}
