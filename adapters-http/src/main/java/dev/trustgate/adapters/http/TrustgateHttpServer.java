package dev.trustgate.adapters.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trustgate.adapters.http.api.BusinessApi;
import dev.trustgate.adapters.http.cloudapi.DropInCloudApiHandler;
import dev.trustgate.adapters.http.console.Console;
import dev.trustgate.adapters.http.signals.SimSwapNoticeHandler;
import dev.trustgate.adapters.http.support.AccessControl;
import dev.trustgate.adapters.http.support.GraphErrors;
import dev.trustgate.adapters.http.support.HttpMetrics;
import dev.trustgate.adapters.http.support.HttpSettings;
import dev.trustgate.adapters.http.support.Json;
import dev.trustgate.adapters.http.support.OpenApi;
import dev.trustgate.adapters.http.support.Problems;
import dev.trustgate.adapters.http.support.RequestLog;
import dev.trustgate.adapters.http.support.Route;
import dev.trustgate.adapters.http.support.Route.Access;
import dev.trustgate.adapters.http.support.UseCases;
import dev.trustgate.adapters.http.whatsapp.ProviderWebhookHandler;
import dev.trustgate.adapters.http.whatsapp.WhatsAppWebhookHandler;
import dev.trustgate.application.ErrorCode;
import dev.trustgate.application.TrustgateException;
import dev.trustgate.application.port.in.AuthenticateApiKeyUseCase;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.Handler;
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
 * trustgate's HTTP face: WhatsApp's webhook, the business API under {@code /v1}, the drop-in Cloud API and
 * the health probes, each route behind the check its declared {@link Access} requires ({@link AccessControl}).
 * Every error of trustgate's own API is an RFC 9457 problem with a stable code; the drop-in Cloud API answers
 * Graph-style errors.
 */
public final class TrustgateHttpServer {

    private static final Logger LOG = LoggerFactory.getLogger(TrustgateHttpServer.class);

    private TrustgateHttpServer() {
    }

    /** Every route trustgate serves: the route table. */
    static List<Route> routes(UseCases u, HttpSettings settings, BooleanSupplier ready, Supplier<Instant> clock,
                              ObjectMapper json, HttpMetrics metrics) {
        List<Route> routes = new ArrayList<>(List.of(
                new Route("GET", "/health/live", Access.PUBLIC, "liveness", ctx -> ctx.json(Map.of("status", "up")))
                        .id("live").answering(OpenApi.HEALTH),
                new Route("GET", "/health/ready", Access.PUBLIC, "readiness: the database answers", ctx -> {
                    boolean up = ready.getAsBoolean();
                    ctx.status(up ? 200 : 503).json(Map.of("status", up ? "ready" : "storage unavailable"));
                }).id("ready").answering(OpenApi.HEALTH).answering(503, OpenApi.HEALTH)));
        // WhatsApp's webhooks come signed by Meta, or from 360dialog or Infobip to a path with a secret
        routes.addAll(settings.webhooks().fold(
                meta -> WhatsAppWebhookHandler.routes(settings, clock, u.recordSignals(), json, metrics),
                provider -> ProviderWebhookHandler.routes(settings, clock, u.recordSignals(), json, metrics),
                provider -> ProviderWebhookHandler.routes(settings, clock, u.recordSignals(), json, metrics)));
        routes.addAll(SimSwapNoticeHandler.routes(u.recordSimSwaps(), json));
        routes.addAll(BusinessApi.routes(u, json, metrics));
        routes.addAll(Console.routes());
        routes.addAll(DropInCloudApiHandler.routes(u, json, metrics));
        routes.add(new Route("GET", "/metrics", Access.METRICS_KEY, "Prometheus metrics (TRUSTGATE_METRICS_KEY protects them when set)",
                ctx -> ctx.contentType("text/plain; version=0.0.4").result(metrics.scrape()))
                .id("metrics").answering(200, "text/plain", OpenApi.TEXT));
        routes.add(new Route("GET", "/openapi.json", Access.PUBLIC, "this API's OpenAPI document",
                ctx -> ctx.contentType("application/json").result(OpenApi.document(routes, BusinessApi.schemas(), json)))
                .id("openApiDocument").answering(OpenApi.DOCUMENT));
        return List.copyOf(routes);
    }

    /** Builds the server (not started). {@code ready} tells whether storage answers now. */
    public static Javalin create(UseCases useCases, HttpSettings settings, BooleanSupplier ready, Supplier<Instant> clock,
                                 HttpMetrics metrics) {
        ObjectMapper json = Json.mapper();
        return serve(routes(useCases, settings, ready, clock, json, metrics), useCases.authenticate(), settings, json, metrics);
    }

    /** Builds the server (not started) for {@code routes}. */
    static Javalin serve(List<Route> routes, AuthenticateApiKeyUseCase keys, HttpSettings settings, ObjectMapper json,
                         HttpMetrics metrics) {
        AccessControl access = new AccessControl(keys, settings, json);
        RequestLog requestLog = new RequestLog(metrics);
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
            // Each route is served behind the check its declared access requires, and behind nothing else.
            for (Route route : routes) {
                Handler guarded = access.guard(route);
                switch (route.method()) {
                    case "GET" -> config.routes.get(route.path(), guarded);
                    case "POST" -> config.routes.post(route.path(), guarded);
                    case "PUT" -> config.routes.put(route.path(), guarded);
                    case "DELETE" -> config.routes.delete(route.path(), guarded);
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
                if (GraphErrors.isGraphPath(ctx.path())) {
                    GraphErrors.notServed(ctx, json);
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
        } else if (status == 404 && GraphErrors.isGraphPath(ctx.path())) {
            GraphErrors.notServed(ctx, json);
        } else if (status == 404) {
            Problems.write(ctx, json, ErrorCode.NOT_FOUND, message, Map.of());
        } else {
            Problems.write(ctx, json, status, status >= 500 ? "internal_error" : "invalid_request", message, Map.of());
        }
    }
}
