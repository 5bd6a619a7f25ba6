package dev.trustgate.adapters.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trustgate.application.ErrorCode;
import dev.trustgate.application.TrustgateException;
import dev.trustgate.adapters.http.Route.Access;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.json.JavalinJackson;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * trustgate's HTTP face: WhatsApp's webhook, the business API under {@code /v1} (API key required), the
 * drop-in Cloud API and the health probes. Every error of trustgate's own API is an RFC 9457 problem
 * with a stable code; the drop-in Cloud API answers Graph-style errors.
 */
public final class TrustgateHttpServer {

    private static final Logger LOG = LoggerFactory.getLogger(TrustgateHttpServer.class);
    static final String CONTACT = "/v1/businesses/{pnid}/contacts/{customer}";

    private TrustgateHttpServer() {
    }

    /** Every route trustgate serves. */
    static List<Route> routes(UseCases u, HttpSettings settings, BooleanSupplier ready, Supplier<Instant> clock,
                              ObjectMapper json, HttpMetrics metrics) {
        WhatsAppWebhookHandler webhook = new WhatsAppWebhookHandler(settings, new WhatsAppWebhookTranslator(clock),
                u.recordSignals(), json, metrics);
        ContactResponses responses = new ContactResponses(u.getContact());
        ReadEventsHandler events = new ReadEventsHandler(u.readEvents());
        ManageApiKeysHandler apiKeys = new ManageApiKeysHandler(u.apiKeys(), json);
        ManageSubscriptionsHandler subscriptions = new ManageSubscriptionsHandler(u.subscriptions(), json);
        ManageParkedDeliveriesHandler parked = new ManageParkedDeliveriesHandler(u.parkedDeliveries());
        DropInCloudApiHandler dropIn = new DropInCloudApiHandler(u.apiKeys(), u.send(), u.markRead(), u.optIn(), json, metrics);
        List<Route> routes = new ArrayList<>(List.of(
                new Route("GET", "/health/live", Access.PUBLIC, "liveness", ctx -> ctx.json(Map.of("status", "up"))),
                new Route("GET", "/health/ready", Access.PUBLIC, "readiness: the database answers", ctx -> {
                    boolean up = ready.getAsBoolean();
                    ctx.status(up ? 200 : 503).json(Map.of("status", up ? "ready" : "storage unavailable"));
                }),
                new Route("GET", "/webhooks/whatsapp", Access.PUBLIC, "WhatsApp subscription handshake", webhook::verifySubscription),
                new Route("POST", "/webhooks/whatsapp", Access.PUBLIC, "signed WhatsApp webhook", webhook::receive),
                new Route("PUT", "/v1/businesses/{pnid}/identity-checks", Access.ADMIN, "opt in or out of identity checks",
                        new OptInToIdentityChecksHandler(u.optIn(), json)::handle),
                new Route("PUT", "/v1/businesses/{pnid}/acknowledgement-policy", Access.ADMIN, "set the acknowledgement policy",
                        new SetAcknowledgementPolicyHandler(u.setPolicy(), json)::handle),
                new Route("GET", "/v1/businesses/{pnid}/contacts", Access.KEY, "list contacts, e.g. ?state=IDENTITY_CHANGED",
                        new ListContactsHandler(u.listContacts())::handle),
                new Route("GET", "/v1/me", Access.KEY, "the calling key: its id, whether it is the admin key, its business numbers",
                        ctx -> ctx.json(Console.whoAmI(Requests.caller(ctx)))),
                new Route("GET", CONTACT, Access.KEY, "the contact's trust view", new GetContactTrustHandler(u.getContact())::handle),
                new Route("GET", CONTACT + "/events", Access.KEY, "the contact's timeline, newest first", events::contact),
                new Route("POST", CONTACT + "/reauthentications", Access.KEY, "start a re-authentication",
                        new StartReauthenticationHandler(u.startReauthentication(), json)::handle),
                new Route("DELETE", CONTACT + "/reauthentications/{id}", Access.KEY, "cancel the re-authentication",
                        new CancelReauthenticationHandler(u.cancelReauthentication(), responses)::handle),
                new Route("POST", CONTACT + "/reauthentications/{id}/result", Access.KEY, "record the re-authentication's outcome",
                        new RecordReauthenticationResultHandler(u.reauthenticationResult(), responses, json)::handle),
                new Route("POST", CONTACT + "/acknowledgements", Access.KEY, "acknowledge the identity change",
                        new AcknowledgeIdentityChangeHandler(u.acknowledge(), responses, json)::handle),
                new Route("POST", CONTACT + "/identity-override", Access.KEY, "clear a change whose hash is unknown",
                        new OverrideUnknownIdentityHandler(u.overrideUnknownIdentity(), responses, json)::handle),
                new Route("POST", CONTACT + "/authentications", Access.KEY, "the business authenticated the customer",
                        new RecordAuthenticationHandler(u.recordAuthentication(), responses, json)::handle),
                new Route("DELETE", CONTACT + "/trust", Access.KEY, "break trust with the customer",
                        new RevokeTrustHandler(u.revokeTrust(), responses, json)::handle),
                new Route("GET", CONTACT + "/held-messages", Access.KEY, "messages held for the contact, oldest first, ?limit=&after=",
                        new ListHeldMessagesHandler(u.listHeld())::handle),
                new Route("POST", "/v1/messages", Access.KEY, "gated send", new SendMessageHandler(u.send(), json, metrics)::handle),
                new Route("POST", "/v1/held-messages/{id}/release", Access.KEY, "release a held message",
                        new ReleaseHeldMessageHandler(u.release())::handle),
                new Route("POST", "/v1/held-messages/{id}/discard", Access.KEY, "discard a held message",
                        new DiscardHeldMessageHandler(u.discard())::handle),
                new Route("GET", "/v1/businesses/{pnid}/events", Access.KEY, "the business's ordered event feed",
                        events::handle),
                new Route("GET", "/v1/businesses/{pnid}/audit/verify", Access.KEY, "verify the audit hash chain",
                        new VerifyAuditChainHandler(u.verifyAudit())::handle),
                new Route("POST", "/v1/subscriptions", Access.KEY, "add a webhook endpoint", subscriptions::create),
                new Route("GET", "/v1/subscriptions", Access.KEY, "list webhook endpoints", subscriptions::list),
                new Route("DELETE", "/v1/subscriptions/{id}", Access.KEY, "remove a webhook endpoint", subscriptions::delete),
                new Route("GET", "/v1/deliveries/parked", Access.KEY, "deliveries that ran out of retries", parked::list),
                new Route("POST", "/v1/deliveries/parked/{id}/redeliver", Access.KEY, "redeliver a parked delivery",
                        parked::redeliver),
                new Route("DELETE", "/v1/deliveries/parked/{id}", Access.KEY, "discard a parked delivery", parked::discard),
                new Route("POST", "/v1/api-keys", Access.ADMIN, "create an API key", apiKeys::create),
                new Route("GET", "/v1/api-keys", Access.ADMIN, "list API keys", apiKeys::list),
                new Route("DELETE", "/v1/api-keys/{id}", Access.ADMIN, "revoke an API key", apiKeys::revoke),
                new Route("POST", "/{version}/{pnid}/messages", Access.GRAPH, "drop-in Cloud API send", dropIn::messages),
                new Route("POST", "/{version}/{pnid}/settings", Access.GRAPH, "drop-in identity-check setting (admin key)",
                        dropIn::settings)));
        routes.add(new Route("GET", "/metrics", Access.PUBLIC, "Prometheus metrics (TRUSTGATE_METRICS_KEY protects them when set)",
                ctx -> {
                    if (settings.metricsKey().isPresent() && !Authentication.bearer(ctx.header("Authorization"))
                            .filter(k -> java.security.MessageDigest.isEqual(k.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                                    settings.metricsKey().get().getBytes(java.nio.charset.StandardCharsets.UTF_8))).isPresent()) {
                        Problems.write(ctx, json, ErrorCode.UNAUTHORIZED, "the metrics key is required", Map.of());
                        return;
                    }
                    ctx.contentType("text/plain; version=0.0.4").result(metrics.scrape());
                }));
        routes.add(new Route("GET", "/openapi.json", Access.PUBLIC, "this API's OpenAPI 3.1 document",
                ctx -> ctx.contentType("application/json").result(OpenApi.document(routes, json))));
        return List.copyOf(routes);
    }

    /** Builds the server (not started). {@code ready} tells whether storage answers now. */
    public static Javalin create(UseCases useCases, HttpSettings settings, BooleanSupplier ready, Supplier<Instant> clock,
                                 HttpMetrics metrics) {
        ObjectMapper json = Json.mapper();
        Authentication authentication = new Authentication(useCases.apiKeys(), json);
        RequestLog requestLog = new RequestLog(metrics);
        List<Route> routes = routes(useCases, settings, ready, clock, json, metrics);

        return Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.http.maxRequestSize = Math.max(settings.maxWebhookBytes(), 1_048_576L);
            config.jsonMapper(new JavalinJackson(json, false));
            Console.serveStaticFiles(config);
            // Stopping lets requests in flight finish (up to 20 s) before connections close.
            config.jetty.modifyServer(server -> {
                // A connection that stalls (headers or body never finished) is closed after the idle timeout.
                server.addEventListener(new org.eclipse.jetty.util.component.LifeCycle.Listener() {
                    @Override
                    public void lifeCycleStarting(org.eclipse.jetty.util.component.LifeCycle event) {
                        for (org.eclipse.jetty.server.Connector connector : server.getConnectors()) {
                            if (connector instanceof org.eclipse.jetty.server.AbstractConnector c) {
                                c.setIdleTimeout(settings.idleTimeout().toMillis());
                            }
                        }
                    }
                });
                server.setStopTimeout(20_000);
                server.insertHandler(new org.eclipse.jetty.server.handler.GracefulHandler());
            });
            config.routes.before(requestLog::begin);
            config.requestLogger.http(requestLog::end);
            config.routes.before("/v1/*", authentication::authenticate);
            // Another business's resources are not found, before any validation of the request could say otherwise.
            config.routes.before("/v1/businesses/{pnid}/*", ctx -> {
                if (ctx.attribute(Requests.CALLER) != null) {
                    Requests.caller(ctx).requireAccess(Requests.business(ctx));
                }
            });
            for (Route route : routes) {
                switch (route.method()) {
                    case "GET" -> config.routes.get(route.path(), route.handler());
                    case "POST" -> config.routes.post(route.path(), route.handler());
                    case "PUT" -> config.routes.put(route.path(), route.handler());
                    case "DELETE" -> config.routes.delete(route.path(), route.handler());
                    default -> throw new IllegalStateException("unsupported method " + route.method());
                }
            }
            config.routes.exception(TrustgateException.class, (e, ctx) -> {
                if (e.code() == ErrorCode.STORAGE_UNAVAILABLE || e.code() == ErrorCode.UPSTREAM_ERROR) {
                    LOG.warn("{} {}: {}", ctx.method(), RequestLog.mask(ctx.path()), e.getMessage());
                }
                Problems.write(ctx, json, e.code(), e.getMessage(), e.details());
            });
            config.routes.exception(IllegalArgumentException.class, (e, ctx) ->
                    Problems.write(ctx, json, ErrorCode.INVALID_REQUEST, e.getMessage(), Map.of()));
            config.routes.exception(HttpResponseException.class, (e, ctx) -> httpError(ctx, json, e.getStatus(), e.getMessage()));
            config.routes.exception(Exception.class, (e, ctx) -> {
                LOG.error("{} {} failed", ctx.method(), RequestLog.mask(ctx.path()), e);
                Problems.write(ctx, json, 500, "internal_error", "trustgate could not complete the request", Map.of());
            });
            config.routes.error(404, ctx -> {
                if (ctx.result() != null && !ctx.result().isEmpty()) {
                    return;
                }
                if (ctx.path().matches("/v[0-9]+\\.[0-9]+/.*")) {
                    DropInCloudApiHandler.notServed(ctx, json);
                } else {
                    Problems.write(ctx, json, ErrorCode.NOT_FOUND, "no such resource: " + ctx.method() + " " + ctx.path(), Map.of());
                }
            });
            config.routes.error(405, ctx -> {
                if (ctx.result() == null || ctx.result().isEmpty()) {
                    Problems.write(ctx, json, 405, "method_not_allowed", ctx.method() + " is not allowed on " + ctx.path(), Map.of());
                }
            });
        });
    }

    private static void httpError(Context ctx, ObjectMapper json, int status, String message) {
        if (status == 413) {
            Problems.write(ctx, json, ErrorCode.PAYLOAD_TOO_LARGE, "the request body is too large", Map.of());
        } else if (status == 404 && ctx.path().matches("/v[0-9]+\\.[0-9]+/.*")) {
            DropInCloudApiHandler.notServed(ctx, json);
        } else if (status == 404) {
            Problems.write(ctx, json, ErrorCode.NOT_FOUND, message, Map.of());
        } else {
            Problems.write(ctx, json, status, status >= 500 ? "internal_error" : "invalid_request", message, Map.of());
        }
    }
}
