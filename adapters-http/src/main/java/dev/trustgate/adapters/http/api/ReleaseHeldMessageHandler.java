package dev.trustgate.adapters.http.api;

import dev.trustgate.adapters.http.support.BlockedSends;
import dev.trustgate.adapters.http.support.Requests;
import dev.trustgate.application.ErrorCode;
import dev.trustgate.application.TrustgateException;
import dev.trustgate.application.port.in.ReleaseHeldMessageUseCase;
import dev.trustgate.application.port.in.SendMessageUseCase.Result;
import io.javalin.http.Context;
import java.util.Map;

/** {@code POST /v1/held-messages/{id}/release}: re-checked by the gate, then sent pinned to today's identity. */
final class ReleaseHeldMessageHandler {

    private final ReleaseHeldMessageUseCase useCase;

    ReleaseHeldMessageHandler(ReleaseHeldMessageUseCase useCase) {
        this.useCase = useCase;
    }

    void handle(Context ctx) {
        Result result = useCase.release(new ReleaseHeldMessageUseCase.Command(Requests.caller(ctx), ctx.pathParam("id")));
        result.<Runnable>fold(
                sent -> () -> ctx.json(SendMessageHandler.sentView(sent)),
                refused -> () -> {
                    throw new TrustgateException(ErrorCode.UPSTREAM_ERROR, "WhatsApp refused the message: " + refused.message()
                            + "; it stays held", Map.of("upstreamStatus", refused.status()));
                },
                blocked -> () -> {
                    throw new TrustgateException(ErrorCode.of(blocked.reason()), BlockedSends.detail(blocked)
                            + "; the message stays held", Map.of());
                },
                held -> () -> {
                    throw new IllegalStateException("a release never holds the message again: " + held);
                }).run();
    }
}
