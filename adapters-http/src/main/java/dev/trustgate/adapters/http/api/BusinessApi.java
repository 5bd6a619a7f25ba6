package dev.trustgate.adapters.http.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trustgate.adapters.http.support.HttpMetrics;
import dev.trustgate.adapters.http.support.Route;
import dev.trustgate.adapters.http.support.Route.Access;
import dev.trustgate.adapters.http.support.UseCases;
import dev.trustgate.application.ErrorCode;
import java.util.List;
import java.util.Map;

/** trustgate's own API under {@code /v1}: contacts and their trust, gated sends, held messages, feeds, keys and subscriptions. */
public final class BusinessApi {

    static final String CONTACT = "/v1/businesses/{pnid}/contacts/{customer}";
    /** What a command on a contact the contact refuses is answered with (409 each). */
    private static final ErrorCode[] CONTACT_REFUSALS = {ErrorCode.CONFLICT, ErrorCode.STALE_ACKNOWLEDGEMENT,
            ErrorCode.IDENTITY_UNKNOWN, ErrorCode.ACKNOWLEDGEMENT_POLICY_UNMET, ErrorCode.UNKNOWN_REAUTHENTICATION};
    /** What a gated send is refused with: blocked, unsupported, too many held, or WhatsApp's refusal. */
    private static final ErrorCode[] SEND_REFUSALS = {ErrorCode.IDENTITY_CHANGE_UNACKNOWLEDGED, ErrorCode.NOT_TRUSTED,
            ErrorCode.IDENTITY_UNKNOWN, ErrorCode.FORBIDDEN, ErrorCode.NOT_FOUND, ErrorCode.UNSUPPORTED_RECIPIENT,
            ErrorCode.UNSUPPORTED_MESSAGE_TYPE, ErrorCode.UNSUPPORTED_BY_PROVIDER, ErrorCode.TOO_MANY_HELD_MESSAGES,
            ErrorCode.UPSTREAM_ERROR, ErrorCode.CONFLICT};

    private BusinessApi() {
    }

    /** The schemas the business API's routes answer, by the names the routes give them. */
    public static Map<String, Object> schemas() {
        return ApiSchemas.all();
    }

    /** The business API's routes, each with who may call it. */
    public static List<Route> routes(UseCases u, ObjectMapper json, HttpMetrics metrics) {
        ContactResponses responses = new ContactResponses(json);
        ReadEventsHandler events = new ReadEventsHandler(u.readEvents());
        ManageApiKeysHandler apiKeys = new ManageApiKeysHandler(u.apiKeys(), json);
        ManageSubscriptionsHandler subscriptions = new ManageSubscriptionsHandler(u.subscriptions(), json);
        ManageParkedDeliveriesHandler parked = new ManageParkedDeliveriesHandler(u.parkedDeliveries());
        ManageSimSwapSubscriptionsHandler simSwapSubscriptions = new ManageSimSwapSubscriptionsHandler(u.simSwapSubscriptions());
        return List.of(
                new Route("PUT", "/v1/businesses/{pnid}/identity-checks", Access.ADMIN, "opt in or out of identity checks",
                        new OptInToIdentityChecksHandler(u.optIn(), json)::handle)
                        .id("setIdentityChecks").accepting(ApiSchemas.IDENTITY_CHECKS_SETTING).answering(ApiSchemas.IDENTITY_CHECKS)
                        .refusing(ErrorCode.UNSUPPORTED_BY_PROVIDER, ErrorCode.UPSTREAM_ERROR),
                new Route("PUT", "/v1/businesses/{pnid}/acknowledgement-policy", Access.ADMIN, "set the acknowledgement policy",
                        new SetAcknowledgementPolicyHandler(u.setPolicy(), json)::handle)
                        .id("setAcknowledgementPolicy").accepting(ApiSchemas.POLICY_SETTING).answering(ApiSchemas.IDENTITY_CHECKS),
                new Route("PUT", "/v1/businesses/{pnid}/sim-swap-policy", Access.ADMIN,
                        "set what a SIM swap of a customer's number does: BREAK_TRUST (default) or BLOCK",
                        new SetSimSwapPolicyHandler(u.setSimSwapPolicy(), json)::handle)
                        .id("setSimSwapPolicy").accepting(ApiSchemas.SIM_SWAP_POLICY_SETTING).answering(ApiSchemas.SIM_SWAP_POLICY),
                new Route("POST", "/v1/businesses/{pnid}/sim-swap-subscriptions", Access.ADMIN,
                        "subscribe the customers without a live subscription to the mobile operator's SIM-swap notices",
                        simSwapSubscriptions::subscribe)
                        .id("subscribeToSimSwaps").answering(ApiSchemas.SIM_SWAP_SUBSCRIPTIONS)
                        .refusing(ErrorCode.UNSUPPORTED_BY_PROVIDER, ErrorCode.UPSTREAM_ERROR),
                new Route("GET", "/v1/businesses/{pnid}/sim-swap-subscriptions", Access.ADMIN,
                        "the SIM-swap subscriptions held for the business number's customers", simSwapSubscriptions::list)
                        .id("listSimSwapSubscriptions").answering(ApiSchemas.SIM_SWAP_SUBSCRIPTIONS),
                new Route("GET", "/v1/businesses/{pnid}/contacts", Access.KEY, "list contacts, e.g. ?state=IDENTITY_CHANGED",
                        new ListContactsHandler(u.listContacts())::handle).id("listContacts").answering(ApiSchemas.CONTACT_PAGE),
                new Route("GET", CONTACT, Access.KEY, "the contact's trust view, with the actions the calling key may take",
                        new GetContactTrustHandler(u.getContact())::handle).id("getContactTrust").answering(ApiSchemas.CONTACT_VIEW),
                new Route("GET", CONTACT + "/events", Access.KEY, "the contact's timeline, newest first", events::contact)
                        .id("listContactEvents").answering(ApiSchemas.CONTACT_EVENTS),
                new Route("POST", CONTACT + "/reauthentications", Access.KEY, "start a re-authentication",
                        new StartReauthenticationHandler(u.startReauthentication(), responses, json)::handle)
                        .id("startReauthentication").accepting(ApiSchemas.REAUTHENTICATION_START)
                        .answering(201, ApiSchemas.REAUTHENTICATION_STARTED).answering(ApiSchemas.CONTACT_VIEW).refusing(CONTACT_REFUSALS),
                new Route("DELETE", CONTACT + "/reauthentications/{id}", Access.KEY, "cancel the re-authentication",
                        new CancelReauthenticationHandler(u.cancelReauthentication(), responses)::handle)
                        .id("cancelReauthentication").answering(ApiSchemas.CONTACT_VIEW).refusing(CONTACT_REFUSALS),
                new Route("POST", CONTACT + "/reauthentications/{id}/result", Access.KEY, "record the re-authentication's outcome",
                        new RecordReauthenticationResultHandler(u.reauthenticationResult(), responses, json)::handle)
                        .id("recordReauthenticationResult").accepting(ApiSchemas.REAUTHENTICATION_RESULT)
                        .answering(ApiSchemas.CONTACT_VIEW).refusing(CONTACT_REFUSALS)
                        // a business number whose SIM-swap policy checks passes asks the mobile operator first
                        .refusing(ErrorCode.UNSUPPORTED_BY_PROVIDER, ErrorCode.UPSTREAM_ERROR),
                new Route("POST", CONTACT + "/acknowledgements", Access.KEY, "acknowledge the identity change",
                        new AcknowledgeIdentityChangeHandler(u.acknowledge(), responses, json)::handle)
                        .id("acknowledgeIdentityChange").accepting(ApiSchemas.ACKNOWLEDGEMENT).answering(ApiSchemas.CONTACT_VIEW)
                        .answering(202, ApiSchemas.CONTACT_VIEW).refusing(CONTACT_REFUSALS),
                new Route("POST", CONTACT + "/identity-override", Access.KEY, "clear a change whose hash is unknown",
                        new OverrideUnknownIdentityHandler(u.overrideUnknownIdentity(), responses, json)::handle)
                        .id("overrideUnknownIdentity").accepting(ApiSchemas.IDENTITY_OVERRIDE).answering(ApiSchemas.CONTACT_VIEW)
                        .answering(202, ApiSchemas.CONTACT_VIEW).refusing(CONTACT_REFUSALS),
                new Route("POST", CONTACT + "/authentications", Access.KEY, "the business authenticated the customer",
                        new RecordAuthenticationHandler(u.recordAuthentication(), responses, json)::handle)
                        .id("recordAuthentication").accepting(ApiSchemas.AUTHENTICATION).answering(ApiSchemas.CONTACT_VIEW)
                        .refusing(CONTACT_REFUSALS),
                new Route("DELETE", CONTACT + "/trust", Access.KEY, "break trust with the customer",
                        new RevokeTrustHandler(u.revokeTrust(), responses, json)::handle)
                        .id("revokeTrust").accepting(ApiSchemas.TRUST_REVOCATION).answering(ApiSchemas.CONTACT_VIEW)
                        .refusing(CONTACT_REFUSALS),
                new Route("GET", CONTACT + "/held-messages", Access.KEY, "messages held for the contact, oldest first, ?limit=&after=",
                        new ListHeldMessagesHandler(u.listHeld())::handle).id("listHeldMessages").answering(ApiSchemas.HELD_PAGE),
                new Route("POST", "/v1/messages", Access.KEY, "gated send", new SendMessageHandler(u.send(), json, metrics)::handle)
                        .id("sendMessage").accepting(ApiSchemas.SEND).answering(ApiSchemas.SENT).answering(202, ApiSchemas.HELD)
                        .refusing(SEND_REFUSALS),
                new Route("POST", "/v1/held-messages/{id}/release", Access.KEY, "release a held message",
                        new ReleaseHeldMessageHandler(u.release())::handle)
                        .id("releaseHeldMessage").answering(ApiSchemas.SENT).refusing(SEND_REFUSALS).refusing(ErrorCode.NOT_FOUND),
                new Route("POST", "/v1/held-messages/{id}/discard", Access.KEY, "discard a held message",
                        new DiscardHeldMessageHandler(u.discard())::handle)
                        .id("discardHeldMessage").answering(ApiSchemas.HELD_MESSAGE).refusing(ErrorCode.NOT_FOUND, ErrorCode.CONFLICT),
                new Route("GET", "/v1/businesses/{pnid}/events", Access.KEY, "the business's ordered event feed",
                        events::handle).id("readEvents").answering(ApiSchemas.EVENT_PAGE),
                new Route("GET", "/v1/event-types", Access.KEY, "every type of event the feed carries and subscriptions may ask for",
                        ListEventTypesHandler::handle).id("listEventTypes").answering(ApiSchemas.EVENT_TYPES),
                new Route("GET", "/v1/businesses/{pnid}/audit/verify", Access.KEY, "verify the audit hash chain",
                        new VerifyAuditChainHandler(u.verifyAudit())::handle).id("verifyAuditChain").answering(ApiSchemas.AUDIT_REPORT),
                new Route("POST", "/v1/subscriptions", Access.KEY, "add a webhook endpoint", subscriptions::create)
                        .id("createSubscription").accepting(ApiSchemas.NEW_SUBSCRIPTION).answering(201, ApiSchemas.SUBSCRIPTION)
                        .refusing(ErrorCode.FORBIDDEN),
                new Route("GET", "/v1/subscriptions", Access.KEY, "list webhook endpoints", subscriptions::list)
                        .id("listSubscriptions").answering(ApiSchemas.SUBSCRIPTIONS),
                new Route("DELETE", "/v1/subscriptions/{id}", Access.KEY, "remove a webhook endpoint", subscriptions::delete)
                        .id("deleteSubscription").answering(204, null).refusing(ErrorCode.NOT_FOUND),
                new Route("GET", "/v1/deliveries/parked", Access.KEY, "deliveries that ran out of retries", parked::list)
                        .id("listParkedDeliveries").answering(ApiSchemas.PARKED),
                new Route("POST", "/v1/deliveries/parked/{id}/redeliver", Access.KEY, "redeliver a parked delivery",
                        parked::redeliver).id("redeliverParkedDelivery").answering(202, ApiSchemas.REDELIVERY)
                        .refusing(ErrorCode.NOT_FOUND),
                new Route("DELETE", "/v1/deliveries/parked/{id}", Access.KEY, "discard a parked delivery", parked::discard)
                        .id("discardParkedDelivery").answering(204, null).refusing(ErrorCode.NOT_FOUND),
                new Route("POST", "/v1/api-keys", Access.ADMIN, "create an API key", apiKeys::create)
                        .id("createApiKey").accepting(ApiSchemas.NEW_API_KEY).answering(201, ApiSchemas.API_KEY_CREATED),
                new Route("GET", "/v1/api-keys", Access.ADMIN, "list API keys", apiKeys::list).id("listApiKeys").answering(ApiSchemas.API_KEYS),
                new Route("DELETE", "/v1/api-keys/{id}", Access.ADMIN, "revoke an API key", apiKeys::revoke)
                        .id("revokeApiKey").answering(204, null).refusing(ErrorCode.NOT_FOUND));
    }
}
