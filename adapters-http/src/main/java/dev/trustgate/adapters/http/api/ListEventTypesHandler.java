package dev.trustgate.adapters.http.api;

import dev.trustgate.domain.EventType;
import io.javalin.http.Context;
import java.util.Arrays;
import java.util.List;

/**
 * {@code GET /v1/event-types}: every type of event the feed carries and a subscription may ask for, with how a person
 * reads it, so no client keeps its own copy of the list.
 */
final class ListEventTypesHandler {

    record EventTypeView(String type, String title) {
    }

    record EventTypes(List<EventTypeView> eventTypes) {
    }

    static final EventTypes ALL = new EventTypes(Arrays.stream(EventType.values())
            .map(t -> new EventTypeView(t.code(), t.title())).toList());

    private ListEventTypesHandler() {
    }

    static void handle(Context ctx) {
        ctx.json(ALL);
    }
}
