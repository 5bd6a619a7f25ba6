package dev.trustgate.adapters.http.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trustgate.adapters.http.support.Requests;
import dev.trustgate.application.port.in.OptInToIdentityChecksUseCase;
import dev.trustgate.domain.BusinessNumber;
import io.javalin.http.Context;
import java.time.Instant;

/** {@code PUT /v1/businesses/{pnid}/identity-checks} {@code {"enabled":true}} (admin key). */
final class OptInToIdentityChecksHandler {

    record Body(Boolean enabled) {
    }

    record View(String phoneNumberId, boolean enabled, Instant since, String policy) {
        static View fromDomain(BusinessNumber b) {
            return new View(b.id().value(), b.optedIn(), b.since().orElse(null), b.policy().name());
        }
    }

    private final OptInToIdentityChecksUseCase useCase;
    private final ObjectMapper json;

    OptInToIdentityChecksHandler(OptInToIdentityChecksUseCase useCase, ObjectMapper json) {
        this.useCase = useCase;
        this.json = json;
    }

    void handle(Context ctx) {
        Body body = Requests.body(ctx, json, Body.class);
        if (body.enabled() == null) {
            throw new IllegalArgumentException("enabled is required (true or false)");
        }
        BusinessNumber business = useCase.setIdentityChecks(
                new OptInToIdentityChecksUseCase.Command(Requests.caller(ctx), Requests.business(ctx), body.enabled()));
        ctx.json(View.fromDomain(business));
    }
}
