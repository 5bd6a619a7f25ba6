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

    /** {@code reauthenticationCheckHours} read as given, so 1.5 or "24" is refused rather than coerced. */
    record Body(String policy, com.fasterxml.jackson.databind.JsonNode reauthenticationCheckHours) {
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
                        hours(body.reauthenticationCheckHours())))));
    }

    /** The whole number of hours given, 0 when none. */
    static int hours(com.fasterxml.jackson.databind.JsonNode value) {
        if (value == null || value.isNull()) {
            return 0;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            throw new IllegalArgumentException("reauthenticationCheckHours must be a whole number of hours, 0 (no check) to 2400");
        }
        return value.intValue();
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
