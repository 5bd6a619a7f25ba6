package dev.trustgate.adapters.http.api;

import dev.trustgate.adapters.http.support.Requests;
import dev.trustgate.application.port.in.DiscardHeldMessageUseCase;
import io.javalin.http.Context;

/** {@code POST /v1/held-messages/{id}/discard}: drops a held message for good. */
final class DiscardHeldMessageHandler {

    private final DiscardHeldMessageUseCase useCase;

    DiscardHeldMessageHandler(DiscardHeldMessageUseCase useCase) {
        this.useCase = useCase;
    }

    void handle(Context ctx) {
        ctx.json(ListHeldMessagesHandler.HeldView.fromDomain(
                useCase.discard(new DiscardHeldMessageUseCase.Command(Requests.caller(ctx), ctx.pathParam("id")))));
    }
}
