package dev.trustgate.adapters.http.api;

import dev.trustgate.adapters.http.support.Requests;
import dev.trustgate.application.port.in.ReadEventsUseCase;
import dev.trustgate.application.port.out.RecordedEvent;
import dev.trustgate.domain.ContactNames;
import dev.trustgate.domain.ParentUserId;
import dev.trustgate.domain.UserId;
import dev.trustgate.domain.WaId;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** {@code GET /v1/businesses/{pnid}/events?after=&limit=}: the business's ordered event feed. */
final class ReadEventsHandler {

    /** An event naming its contact by id and by every name it had then (any of them null). */
    record EventView(long sequence, String type, String phoneNumberId, String contactId, String waId, String userId,
                     String parentUserId, Instant at, String actor, Map<String, String> data) {
        static EventView fromDomain(RecordedEvent e) {
            ContactNames names = e.contact().names();
            return new EventView(e.sequence(), e.type(), e.contact().business().value(), e.contact().id().value(),
                    names.waId().map(WaId::value).orElse(null), names.userId().map(UserId::value).orElse(null),
                    names.parentUserId().map(ParentUserId::value).orElse(null), e.at(), e.actor().id(),
                    new java.util.TreeMap<>(e.data()));
        }
    }

    record Page(List<EventView> events, long next, long head) {
    }

    private final ReadEventsUseCase useCase;

    ReadEventsHandler(ReadEventsUseCase useCase) {
        this.useCase = useCase;
    }

    void handle(Context ctx) {
        long after;
        try {
            after = ctx.queryParam("after") == null ? 0 : Long.parseLong(ctx.queryParam("after"));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("after must be a sequence number");
        }
        ReadEventsUseCase.Page page = useCase.read(new ReadEventsUseCase.Query(Requests.caller(ctx), Requests.business(ctx),
                after, Requests.limit(ctx)));
        ctx.json(new Page(page.events().stream().map(EventView::fromDomain).toList(), page.next(), page.head()));
    }

    /** {@code GET …/contacts/{customer}/events?limit=}: the contact's timeline, newest first. */
    void contact(Context ctx) {
        List<RecordedEvent> events = useCase.readContact(new ReadEventsUseCase.ContactQuery(Requests.caller(ctx),
                Requests.contact(ctx), Requests.limit(ctx)));
        ctx.json(Map.of("events", events.stream().map(EventView::fromDomain).toList()));
    }
}
