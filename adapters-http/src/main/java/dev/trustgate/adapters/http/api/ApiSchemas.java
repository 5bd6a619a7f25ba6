package dev.trustgate.adapters.http.api;

import static dev.trustgate.adapters.http.support.JsonSchemas.arrayOf;
import static dev.trustgate.adapters.http.support.JsonSchemas.described;
import static dev.trustgate.adapters.http.support.JsonSchemas.object;
import static dev.trustgate.adapters.http.support.JsonSchemas.oneOf;
import static dev.trustgate.adapters.http.support.JsonSchemas.ref;

import dev.trustgate.adapters.http.support.JsonSchemas;
import dev.trustgate.domain.AcknowledgementPolicy;
import dev.trustgate.domain.BlockReason;
import dev.trustgate.domain.ContactAction;
import dev.trustgate.domain.EventType;
import dev.trustgate.domain.SimSwapPolicy;
import dev.trustgate.domain.TrustState;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The registry of the schemas the OpenAPI document names for what the routes take and answer: a route names one with
 * {@code accepting(..)} or {@code answering(..)}, and its schema is here. Answers are read off the records the handlers
 * write ({@link JsonSchemas#of}); bodies are written out, since a handler reads them leniently (a field may be
 * missing). The domain's own lists are their enums.
 */
final class ApiSchemas {

    static final String CONTACT_VIEW = "ContactView";
    static final String CONTACT_PAGE = "ContactPage";
    static final String EVENT_TYPES = "EventTypes";
    static final String SUBSCRIPTION = "Subscription";
    static final String SUBSCRIPTIONS = "Subscriptions";
    static final String NEW_SUBSCRIPTION = "NewSubscription";
    static final String IDENTITY_CHECKS = "IdentityChecks";
    static final String IDENTITY_CHECKS_SETTING = "IdentityChecksSetting";
    static final String POLICY_SETTING = "AcknowledgementPolicySetting";
    static final String SIM_SWAP_POLICY_SETTING = "SimSwapPolicySetting";
    static final String SIM_SWAP_POLICY = "SimSwapPolicy";
    static final String SIM_SWAP_SUBSCRIPTIONS = "SimSwapSubscriptions";
    static final String EVENT_PAGE = "EventPage";
    static final String CONTACT_EVENTS = "ContactEvents";
    static final String REAUTHENTICATION_START = "ReauthenticationStart";
    static final String REAUTHENTICATION_STARTED = "ReauthenticationStarted";
    static final String REAUTHENTICATION_RESULT = "ReauthenticationResult";
    static final String ACKNOWLEDGEMENT = "Acknowledgement";
    static final String IDENTITY_OVERRIDE = "IdentityOverride";
    static final String AUTHENTICATION = "Authentication";
    static final String TRUST_REVOCATION = "TrustRevocation";
    static final String HELD_MESSAGE = "HeldMessage";
    static final String HELD_PAGE = "HeldMessagePage";
    static final String SEND = "SendRequest";
    static final String SENT = "SentMessage";
    static final String HELD = "HeldSend";
    static final String AUDIT_REPORT = "AuditReport";
    static final String PARKED = "ParkedDeliveries";
    static final String REDELIVERY = "Redelivery";
    static final String NEW_API_KEY = "NewApiKey";
    static final String API_KEY_CREATED = "ApiKeyCreated";
    static final String API_KEYS = "ApiKeys";
    static final String WHO_AM_I = "WhoAmI";

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
        schemas.put("AcknowledgementPolicy", oneOf("the evidence an acknowledgement needs: NONE (WhatsApp's own behaviour), "
                + "REAUTHENTICATION_REQUIRED (a passed re-authentication), FOUR_EYES (that, and two different keys)",
                Arrays.stream(AcknowledgementPolicy.values()).map(AcknowledgementPolicy::name).toList()));
        schemas.put(CONTACT_VIEW, JsonSchemas.of(ContactView.class, Map.of(
                "state", ref("TrustState"),
                "allowedActions", described(arrayOf(ref("ContactAction")),
                        "what the calling key may do with the contact now, as the domain decides from its state and the "
                                + "business's acknowledgement policy; a screen offers these and nothing else"))));
        schemas.put(CONTACT_PAGE, JsonSchemas.of(ListContactsHandler.Page.class, Map.of("contacts", arrayOf(ref(CONTACT_VIEW)))));
        schemas.put(EVENT_TYPES, JsonSchemas.of(ListEventTypesHandler.EventTypes.class, Map.of("eventTypes", arrayOf(
                JsonSchemas.of(ListEventTypesHandler.EventTypeView.class, Map.of("type", ref("EventType")))))));
        schemas.put(SUBSCRIPTION, JsonSchemas.of(ManageSubscriptionsHandler.Created.class, Map.of("eventTypes",
                described(arrayOf(ref("EventType")), "the types delivered; empty: every type"))));
        schemas.put(SUBSCRIPTIONS, object(Map.of("subscriptions", arrayOf(JsonSchemas.of(ManageSubscriptionsHandler.SubscriptionView.class,
                Map.of("eventTypes", arrayOf(ref("EventType"))))))));
        schemas.put(NEW_SUBSCRIPTION, described(object(properties(
                "url", described(Map.of("type", "string"), "the HTTPS endpoint events are POSTed to, signed (Standard Webhooks)"),
                "eventTypes", described(arrayOf(ref("EventType")), "the types to deliver; absent or empty: every type"),
                "phoneNumberIds", described(arrayOf(Map.of("type", "string")), "the business numbers whose events to deliver")),
                "eventTypes", "phoneNumberIds"), "a webhook endpoint to add",
                Map.of("url", "https://crm.example.com/trustgate", "eventTypes", List.of("identity.changed"),
                        "phoneNumberIds", List.of("106540352242922"))));
        schemas.put(IDENTITY_CHECKS, JsonSchemas.of(OptInToIdentityChecksHandler.View.class, Map.of("policy", ref("AcknowledgementPolicy"))));
        schemas.put(IDENTITY_CHECKS_SETTING, described(object(properties("enabled", Map.of("type", "boolean"))),
                "whether the business's contacts are checked", Map.of("enabled", true)));
        schemas.put(POLICY_SETTING, described(object(properties("policy", ref("AcknowledgementPolicy"))),
                "the evidence an acknowledgement needs from now on", Map.of("policy", "REAUTHENTICATION_REQUIRED")));
        schemas.put(SIM_SWAP_POLICY_SETTING, described(object(properties(
                        "policy", oneOf("what a SIM swap of a customer's number does: BREAK_TRUST (trust ends, sensitive sends "
                                + "stop) or BLOCK (an identity change with an unknown identity: every send stops until cleared)",
                                Arrays.stream(SimSwapPolicy.values()).map(SimSwapPolicy::name).toList()),
                        "reauthenticationCheckHours", described(Map.of("type", "integer", "minimum", 0, "maximum", 2400),
                                "when above 0, a passed re-authentication is first checked with the mobile operator: a SIM "
                                        + "swapped within these hours records it as failed")), "reauthenticationCheckHours"),
                "what a SIM swap does for this business number from now on", Map.of("policy", "BLOCK",
                        "reauthenticationCheckHours", 240)));
        schemas.put(SIM_SWAP_POLICY, JsonSchemas.of(SetSimSwapPolicyHandler.View.class, Map.of()));
        schemas.put(SIM_SWAP_SUBSCRIPTIONS, object(properties("subscriptions",
                arrayOf(JsonSchemas.of(ManageSimSwapSubscriptionsHandler.View.class, Map.of())))));
        Map<String, Object> event = JsonSchemas.of(ReadEventsHandler.EventView.class, Map.of());
        schemas.put("Event", event);
        schemas.put(EVENT_PAGE, JsonSchemas.of(ReadEventsHandler.Page.class, Map.of("events", arrayOf(ref("Event")))));
        schemas.put(CONTACT_EVENTS, object(properties("events", arrayOf(ref("Event")))));
        schemas.put(REAUTHENTICATION_START, described(object(Map.of()), "nothing to say: an empty object (or no body)",
                Map.of()));
        schemas.put(REAUTHENTICATION_STARTED, JsonSchemas.of(StartReauthenticationHandler.Started.class, Map.of()));
        Map<String, Object> evidence = properties(
                "method", described(Map.of("type", "string"), "how the customer was authenticated, e.g. otp, branch, video"),
                "reference", described(Map.of("type", "string"), "the business's reference for that check"),
                "operator", described(Map.of("type", "string"), "who did it"),
                "evidence", described(Map.of("type", "string"), "anything else worth keeping in the audit trail"));
        Map<String, Object> result = properties("outcome", Map.of("type", "string", "enum", List.of("succeeded", "failed")));
        result.putAll(evidence);
        schemas.put(REAUTHENTICATION_RESULT, described(object(result, "method", "reference", "operator", "evidence"),
                "the re-authentication's outcome, with its evidence", Map.of("outcome", "succeeded", "method", "otp",
                        "reference", "ticket-4711")));
        Map<String, Object> acknowledgement = properties("identityHash",
                described(Map.of("type", "string"), "the hash of the identity being acknowledged (the contact's pendingChange)"));
        acknowledgement.putAll(evidence);
        schemas.put(ACKNOWLEDGEMENT, described(object(acknowledgement, "method", "reference", "operator", "evidence"),
                "the business accepts the customer's new identity", Map.of("identityHash", "Sx9kxP1u9Yw=", "operator", "agent-17")));
        schemas.put(IDENTITY_OVERRIDE, described(object(properties("reason", Map.of("type", "string")), "reason"),
                "clear a change whose hash WhatsApp did not say", Map.of("reason", "customer verified at the branch")));
        schemas.put(AUTHENTICATION, described(object(new LinkedHashMap<>(evidence), "method", "reference", "operator", "evidence"),
                "the business authenticated the customer", Map.of("method", "branch", "reference", "visit-2026-11-30")));
        schemas.put(TRUST_REVOCATION, described(object(properties("reason", Map.of("type", "string")), "reason"),
                "why trust is broken (optional)", Map.of("reason", "suspected account takeover")));
        schemas.put(HELD_MESSAGE, JsonSchemas.of(ListHeldMessagesHandler.HeldView.class, Map.of(
                "status", Map.of("type", "string", "enum", List.of("held", "released", "discarded")))));
        schemas.put(HELD_PAGE, JsonSchemas.of(ListHeldMessagesHandler.Page.class, Map.of("heldMessages", arrayOf(ref(HELD_MESSAGE)))));
        schemas.put(SEND, described(object(properties(
                "from", described(Map.of("type", "string"), "the business's phone_number_id"),
                "to", described(Map.of("type", "string"), "the customer's wa_id (or give recipient, or the message's to)"),
                "recipient", described(Map.of("type", "string"), "the customer's user id (BSUID)"),
                "sensitive", described(Map.of("type", "boolean"), "a sensitive message is refused to a contact not trusted"),
                "onBlocked", described(Map.of("type", "string", "enum", List.of("reject", "hold")),
                        "reject (the default) or hold a blocked message until the change is acknowledged"),
                "message", described(Map.of("type", "object", "additionalProperties", true),
                        "a WhatsApp Cloud API message object, sent as it is")),
                "to", "recipient", "sensitive", "onBlocked"), "a gated send", Map.of("from", "106540352242922",
                "to", "16505551234", "message", Map.of("messaging_product", "whatsapp", "to", "16505551234", "type", "text",
                        "text", Map.of("body", "Your code is 123456")))));
        schemas.put(SENT, object(properties("messageId", Map.of("type", "string"),
                "pinnedIdentityHash", described(Map.of("type", "string", "nullable", true),
                        "the identity WhatsApp is told to deliver to only, when trustgate pins one"))));
        schemas.put(HELD, object(properties("heldMessageId", Map.of("type", "string"),
                "reason", Map.of("type", "string", "enum", Arrays.stream(BlockReason.values()).map(BlockReason::code).toList()))));
        schemas.put(AUDIT_REPORT, object(properties("valid", Map.of("type", "boolean"), "checked", Map.of("type", "integer"),
                "firstBrokenSequence", Map.of("type", "integer", "format", "int64", "nullable", true),
                "problem", Map.of("type", "string", "nullable", true))));
        schemas.put(PARKED, object(properties("parked", arrayOf(JsonSchemas.of(ManageParkedDeliveriesHandler.ParkedView.class, Map.of())))));
        schemas.put(REDELIVERY, object(properties("id", Map.of("type", "string"), "status", Map.of("type", "string", "enum", List.of("pending")))));
        schemas.put(NEW_API_KEY, described(object(properties("name", Map.of("type", "string"),
                "phoneNumberIds", arrayOf(Map.of("type", "string"))), "name"), "a key acting for these business numbers",
                Map.of("name", "crm", "phoneNumberIds", List.of("106540352242922"))));
        schemas.put(API_KEY_CREATED, described(JsonSchemas.of(ManageApiKeysHandler.Created.class, Map.of()),
                "the new key: its secret `key` is shown this once"));
        schemas.put(API_KEYS, object(properties("apiKeys", arrayOf(JsonSchemas.of(ManageApiKeysHandler.KeyView.class, Map.of())))));
        schemas.put(WHO_AM_I, object(properties("keyId", Map.of("type", "string"), "admin", Map.of("type", "boolean"),
                "phoneNumberIds", arrayOf(Map.of("type", "string")))));
        return schemas;
    }

    /** Properties in the order given: name, schema, name, schema, … */
    private static Map<String, Object> properties(Object... nameThenSchema) {
        Map<String, Object> properties = new LinkedHashMap<>();
        for (int i = 0; i < nameThenSchema.length; i += 2) {
            properties.put((String) nameThenSchema[i], nameThenSchema[i + 1]);
        }
        return properties;
    }
}
