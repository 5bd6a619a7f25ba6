package dev.trustgate.adapters.http.api;

import dev.trustgate.adapters.http.support.Requests;
import dev.trustgate.application.port.in.ListHeldMessagesUseCase;
import dev.trustgate.application.port.out.ContactStore;
import dev.trustgate.domain.CustomerName;
import dev.trustgate.domain.HeldMessage;
import dev.trustgate.domain.WaId;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * {@code GET …/contacts/{customer}/held-messages?limit=&after=}: what is held for the contact, oldest first, a page
 * at a time ({@code next} is the {@code after} of the next page; null on the last).
 */
final class ListHeldMessagesHandler {

    record HeldView(String id, String phoneNumberId, String contactId, String to, String recipient, boolean sensitive,
                    String reason, Instant heldAt, String status) {
        static HeldView fromDomain(HeldMessage m) {
            return new HeldView(m.id(), m.contact().business().value(), m.contact().id().value(),
                    m.recipient().to().map(WaId::value).orElse(null),
                    m.recipient().recipient().map(CustomerName::value).orElse(null), m.sensitive(),
                    m.reason().code(), m.heldAt(), m.status().name().toLowerCase(java.util.Locale.ROOT));
        }
    }

    record Page(List<HeldView> heldMessages, String next) {
    }

    private final ListHeldMessagesUseCase useCase;

    ListHeldMessagesHandler(ListHeldMessagesUseCase useCase) {
        this.useCase = useCase;
    }

    void handle(Context ctx) {
        ContactStore.Page<HeldMessage> page = useCase.list(new ListHeldMessagesUseCase.Query(Requests.caller(ctx),
                Requests.contact(ctx), Optional.ofNullable(ctx.queryParam("after")), Requests.limit(ctx)));
        ctx.json(new Page(page.items().stream().map(HeldView::fromDomain).toList(), page.next().orElse(null)));
    }
}
