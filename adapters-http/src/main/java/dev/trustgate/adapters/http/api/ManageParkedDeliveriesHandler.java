package dev.trustgate.adapters.http.api;

import dev.trustgate.adapters.http.support.Requests;
import dev.trustgate.application.port.in.ManageParkedDeliveriesUseCase;
import dev.trustgate.application.port.in.ParkedDelivery;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.Map;

/** {@code GET /v1/deliveries/parked}, {@code POST …/{id}/redeliver}, {@code DELETE …/{id}}: deliveries out of retries. */
final class ManageParkedDeliveriesHandler {

    record ParkedView(String id, String phoneNumberId, String subscriptionId, Long eventSequence, int attempts,
                      String lastError, Instant parkedAt, Instant createdAt) {
        static ParkedView fromDomain(ParkedDelivery p) {
            return new ParkedView(p.id(), p.business().map(b -> b.value()).orElse(null), p.destination(),
                    p.eventSequence().orElse(null), p.attempts(), p.lastError().orElse(null), p.parkedAt(), p.createdAt());
        }
    }

    private final ManageParkedDeliveriesUseCase useCase;

    ManageParkedDeliveriesHandler(ManageParkedDeliveriesUseCase useCase) {
        this.useCase = useCase;
    }

    void list(Context ctx) {
        ctx.json(Map.of("parked", useCase.list(Requests.caller(ctx), Requests.limit(ctx)).stream()
                .map(ParkedView::fromDomain).toList()));
    }

    void redeliver(Context ctx) {
        useCase.redeliver(Requests.caller(ctx), ctx.pathParam("id"));
        ctx.status(202).json(Map.of("id", ctx.pathParam("id"), "status", "pending"));
    }

    void discard(Context ctx) {
        useCase.discard(Requests.caller(ctx), ctx.pathParam("id"));
        ctx.status(204);
    }
}
