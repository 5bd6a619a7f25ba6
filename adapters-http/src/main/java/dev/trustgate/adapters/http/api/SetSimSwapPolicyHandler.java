package dev.trustgate.adapters.http.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trustgate.adapters.http.support.Requests;
import dev.trustgate.application.port.in.SetSimSwapPolicyUseCase;
import dev.trustgate.domain.BusinessNumber;
import dev.trustgate.domain.SimSwapPolicy;
import io.javalin.http.Context;
import java.util.Arrays;
import java.util.Locale;

/**
 * {@code PUT /v1/businesses/{pnid}/sim-swap-policy} {@code {"policy":"BLOCK","reauthenticationCheckHours":240}} (admin
 * key); without {@code reauthenticationCheckHours} re-authentications are not checked with the mobile operator.
 */
final class SetSimSwapPolicyHandler {

    /** {@code reauthenticationCheckHours} as the server's mapper reads every number: 1.5 or "24" refused, not coerced. */
    record Body(String policy, Integer reauthenticationCheckHours) {
    }

    record View(String phoneNumberId, String simSwapPolicy, int reauthenticationCheckHours) {
        static View fromDomain(BusinessNumber b) {
            return new View(b.id().value(), b.simSwapPolicy().name(), b.simSwapCheckHours());
        }
    }

    private final SetSimSwapPolicyUseCase useCase;
    private final ObjectMapper json;

    SetSimSwapPolicyHandler(SetSimSwapPolicyUseCase useCase, ObjectMapper json) {
        this.useCase = useCase;
        this.json = json;
    }

    void handle(Context ctx) {
        Body body = Requests.body(ctx, json, Body.class);
        ctx.json(View.fromDomain(useCase.setSimSwapPolicy(
                new SetSimSwapPolicyUseCase.Command(Requests.caller(ctx), Requests.business(ctx), parse(body.policy()),
                        body.reauthenticationCheckHours() == null ? 0 : body.reauthenticationCheckHours()))));
    }

    static SimSwapPolicy parse(String value) {
        if (value == null) {
            throw new IllegalArgumentException("policy is required: one of " + Arrays.toString(SimSwapPolicy.values()));
        }
        try {
            return SimSwapPolicy.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("policy must be one of " + Arrays.toString(SimSwapPolicy.values()));
        }
    }
}
