package dev.trustgate.adapters.http;

import dev.trustgate.application.port.in.ListHeldMessagesUseCase;
import dev.trustgate.application.port.out.HeldMessage;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.List;

/** {@code GET …/contacts/{waId}/held-messages}: what is held for the contact, oldest first. */
final class ListHeldMessagesHandler {

    record HeldView(String id, String phoneNumberId, String waId, boolean sensitive, String reason, Instant heldAt,
                    String status) {
        static HeldView fromDomain(HeldMessage m) {
            return new HeldView(m.id(), m.contact().business().value(), m.contact().waId().value(), m.sensitive(),
                    m.reason().code(), m.heldAt(), m.status().name().toLowerCase(java.util.Locale.ROOT));
        }
    }

    record Page(List<HeldView> heldMessages) {
    }

    private final ListHeldMessagesUseCase useCase;

    ListHeldMessagesHandler(ListHeldMessagesUseCase useCase) {
        this.useCase = useCase;
    }

    void handle(Context ctx) {
        ctx.json(new Page(useCase.list(new ListHeldMessagesUseCase.Query(Requests.caller(ctx), Requests.contact(ctx)))
                .stream().map(HeldView::fromDomain).toList()));
    }
}
