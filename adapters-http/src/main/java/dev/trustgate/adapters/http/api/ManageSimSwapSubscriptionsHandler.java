package dev.trustgate.adapters.http.api;

import dev.trustgate.adapters.http.support.Requests;
import dev.trustgate.application.port.in.ManageSimSwapSubscriptionsUseCase;
import dev.trustgate.application.port.out.SimSwapSubscription;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * {@code POST/GET /v1/businesses/{pnid}/sim-swap-subscriptions} (admin key): subscribe the business number's customers
 * to SIM-swap notices at the mobile operator (renewing ended ones), and list the subscriptions.
 */
final class ManageSimSwapSubscriptionsHandler {

    record View(String id, String phoneNumber, String status, Instant statusAt, String statusReason, Instant expiresAt) {
        static View fromDomain(SimSwapSubscription s) {
            return new View(s.id(), "+" + s.phoneNumber().value(), s.status().name(), s.statusAt(), s.statusReason().orElse(null),
                    s.expiresAt().orElse(null));
        }
    }

    private final ManageSimSwapSubscriptionsUseCase useCase;

    ManageSimSwapSubscriptionsHandler(ManageSimSwapSubscriptionsUseCase useCase) {
        this.useCase = useCase;
    }

    void subscribe(Context ctx) {
        ctx.json(page(useCase.subscribe(Requests.caller(ctx), Requests.business(ctx))));
    }

    void list(Context ctx) {
        ctx.json(page(useCase.list(Requests.caller(ctx), Requests.business(ctx))));
    }

    private static Map<String, List<View>> page(List<SimSwapSubscription> subscriptions) {
        return Map.of("subscriptions", subscriptions.stream().map(View::fromDomain).toList());
    }
}
