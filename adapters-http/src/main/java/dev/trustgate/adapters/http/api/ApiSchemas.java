package dev.trustgate.adapters.http.api;

import static dev.trustgate.adapters.http.support.JsonSchemas.arrayOf;
import static dev.trustgate.adapters.http.support.JsonSchemas.oneOf;
import static dev.trustgate.adapters.http.support.JsonSchemas.ref;

import dev.trustgate.adapters.http.support.JsonSchemas;
import dev.trustgate.domain.ContactAction;
import dev.trustgate.domain.EventType;
import dev.trustgate.domain.TrustState;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/** The schemas the OpenAPI document names for the business API's answers; the domain's own lists are their enums. */
final class ApiSchemas {

    static final String CONTACT_VIEW = "ContactView";
    static final String CONTACT_PAGE = "ContactPage";
    static final String EVENT_TYPES = "EventTypes";
    static final String SUBSCRIPTION = "Subscription";

    private ApiSchemas() {
    }

    static Map<String, Object> all() {
        Map<String, Object> schemas = new LinkedHashMap<>();
        schemas.put("EventType", oneOf("a type of event, as the feed and subscriptions name it",
                Arrays.stream(EventType.values()).map(EventType::code).toList()));
        schemas.put("ContactAction", oneOf("a command a business may give about a contact",
                Arrays.stream(ContactAction.values()).map(ContactAction::code).toList()));
        schemas.put("TrustState", oneOf("where a contact's trust stands",
                Arrays.stream(TrustState.values()).map(TrustState::name).toList()));
        schemas.put(CONTACT_VIEW, JsonSchemas.of(ContactView.class, Map.of(
                "state", ref("TrustState"),
                "allowedActions", withDescription(arrayOf(ref("ContactAction")),
                        "what the calling key may do with the contact now, as the domain decides from its state and the "
                                + "business's acknowledgement policy; a screen offers these and nothing else"))));
        schemas.put(CONTACT_PAGE, JsonSchemas.of(ListContactsHandler.Page.class, Map.of("contacts", arrayOf(ref(CONTACT_VIEW)))));
        schemas.put(EVENT_TYPES, JsonSchemas.of(ListEventTypesHandler.EventTypes.class, Map.of("eventTypes", arrayOf(
                JsonSchemas.of(ListEventTypesHandler.EventTypeView.class, Map.of("type", ref("EventType")))))));
        schemas.put(SUBSCRIPTION, JsonSchemas.of(ManageSubscriptionsHandler.Created.class, Map.of("eventTypes",
                withDescription(arrayOf(ref("EventType")), "the types delivered; empty: every type"))));
        return schemas;
    }

    private static Map<String, Object> withDescription(Map<String, Object> schema, String description) {
        Map<String, Object> described = new LinkedHashMap<>(schema);
        described.put("description", description);
        return described;
    }
}
