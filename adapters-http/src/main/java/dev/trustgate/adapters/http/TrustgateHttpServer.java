package dev.trustgate.adapters.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trustgate.application.ErrorCode;
import dev.trustgate.application.TrustgateException;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.json.JavalinJackson;
import java.time.Instant;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * trustgate's HTTP face: WhatsApp's webhook, the business API under {@code /v1} (API key required) and
 * the health probes. Every error is an RFC 9457 problem with a stable code; nothing else leaks out.
 */
public final class TrustgateHttpServer {

    private static final Logger LOG = LoggerFactory.getLogger(TrustgateHttpServer.class);

    private TrustgateHttpServer() {
    }

    /**
     * Builds the server (not started).
     *
     * @param ready whether storage answers now (readiness)
     */
    public static Javalin create(UseCases useCases, HttpSettings settings, BooleanSupplier ready, Supplier<Instant> clock) {
        ObjectMapper json = Json.mapper();
        Authentication authentication = new Authentication(useCases.apiKeys(), json);
        WhatsAppWebhookHandler webhook = new WhatsAppWebhookHandler(settings, new WhatsAppWebhookTranslator(clock),
                useCases.recordSignals(), json);
        OptInToIdentityChecksHandler optIn = new OptInToIdentityChecksHandler(useCases.optIn(), json);
        GetContactTrustHandler getContact = new GetContactTrustHandler(useCases.getContact());
        ReadEventsHandler readEvents = new ReadEventsHandler(useCases.readEvents());

        return Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.http.maxRequestSize = Math.max(settings.maxWebhookBytes(), 1_048_576L);
            config.jsonMapper(new JavalinJackson(json, false));

            config.routes.get("/health/live", ctx -> ctx.json(Map.of("status", "up")));
            config.routes.get("/health/ready", ctx -> {
                boolean up = ready.getAsBoolean();
                ctx.status(up ? 200 : 503).json(Map.of("status", up ? "ready" : "storage unavailable"));
            });

            config.routes.get("/webhooks/whatsapp", webhook::verifySubscription);
            config.routes.post("/webhooks/whatsapp", webhook::receive);

            config.routes.before("/v1/*", authentication::authenticate);
            config.routes.put("/v1/businesses/{pnid}/identity-checks", optIn::handle);
            config.routes.get("/v1/businesses/{pnid}/contacts/{waId}", getContact::handle);
            config.routes.get("/v1/businesses/{pnid}/events", readEvents::handle);

            config.routes.exception(TrustgateException.class, (e, ctx) -> {
                if (e.code() == ErrorCode.STORAGE_UNAVAILABLE || e.code() == ErrorCode.UPSTREAM_ERROR) {
                    LOG.warn("{} {}: {}", ctx.method(), ctx.path(), e.getMessage());
                }
                Problems.write(ctx, json, e.code(), e.getMessage(), e.details());
            });
            config.routes.exception(IllegalArgumentException.class, (e, ctx) ->
                    Problems.write(ctx, json, ErrorCode.INVALID_REQUEST, e.getMessage(), Map.of()));
            config.routes.exception(HttpResponseException.class, (e, ctx) -> httpError(ctx, json, e.getStatus(), e.getMessage()));
            config.routes.exception(Exception.class, (e, ctx) -> {
                LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
                Problems.write(ctx, json, 500, "internal_error", "trustgate could not complete the request", Map.of());
            });
            config.routes.error(404, ctx -> {
                if (ctx.result() == null || ctx.result().isEmpty()) {
                    Problems.write(ctx, json, ErrorCode.NOT_FOUND, "no such resource: " + ctx.method() + " " + ctx.path(), Map.of());
                }
            });
        });
    }

    private static void httpError(Context ctx, ObjectMapper json, int status, String message) {
        if (status == 413) {
            Problems.write(ctx, json, ErrorCode.PAYLOAD_TOO_LARGE, "the request body is too large", Map.of());
        } else if (status == 404) {
            Problems.write(ctx, json, ErrorCode.NOT_FOUND, message, Map.of());
        } else {
            Problems.write(ctx, json, status, status >= 500 ? "internal_error" : "invalid_request", message, Map.of());
        }
    }
}
