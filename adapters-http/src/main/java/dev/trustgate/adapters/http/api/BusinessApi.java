package dev.trustgate.adapters.http.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trustgate.adapters.http.support.HttpMetrics;
import dev.trustgate.adapters.http.support.Route;
import dev.trustgate.adapters.http.support.Route.Access;
import dev.trustgate.adapters.http.support.UseCases;
import java.util.List;
import java.util.Map;

/** trustgate's own API under {@code /v1}: contacts and their trust, gated sends, held messages, feeds, keys and subscriptions. */
public final class BusinessApi {

    static final String CONTACT = "/v1/businesses/{pnid}/contacts/{customer}";

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
                        new OptInToIdentityChecksHandler(u.optIn(), json)::handle),
                new Route("PUT", "/v1/businesses/{pnid}/acknowledgement-policy", Access.ADMIN, "set the acknowledgement policy",
                        new SetAcknowledgementPolicyHandler(u.setPolicy(), json)::handle),
                new Route("PUT", "/v1/businesses/{pnid}/sim-swap-policy", Access.ADMIN,
                        "set what a SIM swap of a customer's number does: BREAK_TRUST (default) or BLOCK",
                        new SetSimSwapPolicyHandler(u.setSimSwapPolicy(), json)::handle),
                new Route("POST", "/v1/businesses/{pnid}/sim-swap-subscriptions", Access.ADMIN,
                        "subscribe the customers without a live subscription to the mobile operator's SIM-swap notices",
                        simSwapSubscriptions::subscribe),
                new Route("GET", "/v1/businesses/{pnid}/sim-swap-subscriptions", Access.ADMIN,
                        "the SIM-swap subscriptions held for the business number's customers", simSwapSubscriptions::list),
                new Route("GET", "/v1/businesses/{pnid}/contacts", Access.KEY, "list contacts, e.g. ?state=IDENTITY_CHANGED",
                        new ListContactsHandler(u.listContacts())::handle).answering(ApiSchemas.CONTACT_PAGE),
                new Route("GET", CONTACT, Access.KEY, "the contact's trust view, with the actions the calling key may take",
                        new GetContactTrustHandler(u.getContact())::handle).answering(ApiSchemas.CONTACT_VIEW),
                new Route("GET", CONTACT + "/events", Access.KEY, "the contact's timeline, newest first", events::contact),
                new Route("POST", CONTACT + "/reauthentications", Access.KEY, "start a re-authentication",
                        new StartReauthenticationHandler(u.startReauthentication(), responses, json)::handle),
                new Route("DELETE", CONTACT + "/reauthentications/{id}", Access.KEY, "cancel the re-authentication",
                        new CancelReauthenticationHandler(u.cancelReauthentication(), responses)::handle)
                        .answering(ApiSchemas.CONTACT_VIEW),
                new Route("POST", CONTACT + "/reauthentications/{id}/result", Access.KEY, "record the re-authentication's outcome",
                        new RecordReauthenticationResultHandler(u.reauthenticationResult(), responses, json)::handle)
                        .answering(ApiSchemas.CONTACT_VIEW),
                new Route("POST", CONTACT + "/acknowledgements", Access.KEY, "acknowledge the identity change",
                        new AcknowledgeIdentityChangeHandler(u.acknowledge(), responses, json)::handle)
                        .answering(ApiSchemas.CONTACT_VIEW),
                new Route("POST", CONTACT + "/identity-override", Access.KEY, "clear a change whose hash is unknown",
                        new OverrideUnknownIdentityHandler(u.overrideUnknownIdentity(), responses, json)::handle)
                        .answering(ApiSchemas.CONTACT_VIEW),
                new Route("POST", CONTACT + "/authentications", Access.KEY, "the business authenticated the customer",
                        new RecordAuthenticationHandler(u.recordAuthentication(), responses, json)::handle)
                        .answering(ApiSchemas.CONTACT_VIEW),
                new Route("DELETE", CONTACT + "/trust", Access.KEY, "break trust with the customer",
                        new RevokeTrustHandler(u.revokeTrust(), responses, json)::handle)
                        .answering(ApiSchemas.CONTACT_VIEW),
                new Route("GET", CONTACT + "/held-messages", Access.KEY, "messages held for the contact, oldest first, ?limit=&after=",
                        new ListHeldMessagesHandler(u.listHeld())::handle),
                new Route("POST", "/v1/messages", Access.KEY, "gated send", new SendMessageHandler(u.send(), json, metrics)::handle),
                new Route("POST", "/v1/held-messages/{id}/release", Access.KEY, "release a held message",
                        new ReleaseHeldMessageHandler(u.release())::handle),
                new Route("POST", "/v1/held-messages/{id}/discard", Access.KEY, "discard a held message",
                        new DiscardHeldMessageHandler(u.discard())::handle),
                new Route("GET", "/v1/businesses/{pnid}/events", Access.KEY, "the business's ordered event feed",
                        events::handle),
                new Route("GET", "/v1/event-types", Access.KEY, "every type of event the feed carries and subscriptions may ask for",
                        ListEventTypesHandler::handle).answering(ApiSchemas.EVENT_TYPES),
                new Route("GET", "/v1/businesses/{pnid}/audit/verify", Access.KEY, "verify the audit hash chain",
                        new VerifyAuditChainHandler(u.verifyAudit())::handle),
                new Route("POST", "/v1/subscriptions", Access.KEY, "add a webhook endpoint", subscriptions::create)
                        .answering(ApiSchemas.SUBSCRIPTION),
                new Route("GET", "/v1/subscriptions", Access.KEY, "list webhook endpoints", subscriptions::list),
                new Route("DELETE", "/v1/subscriptions/{id}", Access.KEY, "remove a webhook endpoint", subscriptions::delete),
                new Route("GET", "/v1/deliveries/parked", Access.KEY, "deliveries that ran out of retries", parked::list),
                new Route("POST", "/v1/deliveries/parked/{id}/redeliver", Access.KEY, "redeliver a parked delivery",
                        parked::redeliver),
                new Route("DELETE", "/v1/deliveries/parked/{id}", Access.KEY, "discard a parked delivery", parked::discard),
                new Route("POST", "/v1/api-keys", Access.ADMIN, "create an API key", apiKeys::create),
                new Route("GET", "/v1/api-keys", Access.ADMIN, "list API keys", apiKeys::list),
                new Route("DELETE", "/v1/api-keys/{id}", Access.ADMIN, "revoke an API key", apiKeys::revoke));
    }
}
