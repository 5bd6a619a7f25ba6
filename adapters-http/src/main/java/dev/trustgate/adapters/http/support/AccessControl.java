package dev.trustgate.adapters.http.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trustgate.application.Caller;
import dev.trustgate.application.ErrorCode;
import dev.trustgate.application.TrustgateException;
import dev.trustgate.application.port.in.AuthenticateApiKeyUseCase;
import dev.trustgate.domain.BusinessNumberId;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where a route's callers are checked: the server puts every route's handler behind the check its
 * declared {@link Route.Access} requires, so a handler runs only for a caller who passed it, and no handler,
 * filter or service decides who may call a route. Which business a key may act on stays the application's rule
 * (data, not routing); a business-scoped route also answers it here, 404, before any validation of the request
 * could tell whether the business exists.
 */
public final class AccessControl {

    private static final Logger LOG = LoggerFactory.getLogger(AccessControl.class);

    private final AuthenticateApiKeyUseCase keys;
    private final HttpSettings settings;
    private final WebhookSignature signature;
    private final ObjectMapper json;

    public AccessControl(AuthenticateApiKeyUseCase keys, HttpSettings settings, ObjectMapper json) {
        this.keys = keys;
        this.settings = settings;
        this.signature = new WebhookSignature(settings.appSecret());
        this.json = json;
    }

    /** The route's handler behind the check its access requires. */
    public Handler guard(Route route) {
        Handler handler = route.handler();
        return ctx -> {
            if (admits(route, ctx)) {
                handler.handle(ctx);
            }
        };
    }

    /** Whether the caller passes the route's check; when not, the refusal has been written. */
    private boolean admits(Route route, Context ctx) {
        return switch (route.access()) {
            case PUBLIC -> true;
            case WHATSAPP_VERIFY_TOKEN -> verifyToken(ctx);
            case WHATSAPP_SIGNATURE -> signedBody(ctx);
            case PROVIDER_WEBHOOK_SECRET -> providerSecret(ctx);
            case METRICS_KEY -> metricsKey(ctx);
            case SIM_SWAP_SINK_CREDENTIAL -> sinkCredential(ctx);
            case KEY -> apiKey(route, ctx, false);
            case ADMIN -> apiKey(route, ctx, true);
            case GRAPH -> graphToken(route, ctx, false);
            case GRAPH_ADMIN -> graphToken(route, ctx, true);
        };
    }

    private boolean verifyToken(Context ctx) {
        if ("subscribe".equals(ctx.queryParam("hub.mode")) && ConstantTime.same(settings.verifyToken(), ctx.queryParam("hub.verify_token"))) {
            return true;
        }
        Problems.write(ctx, json, 403, ErrorCode.FORBIDDEN.code(), "the verify token does not match", Map.of());
        return false;
    }

    /** The body is read to check its signature, never more of it than a webhook may have. */
    private boolean signedBody(Context ctx) {
        if (!withinWebhookLimit(ctx)) {
            return false;
        }
        if (!signature.verify(ctx.bodyAsBytes(), ctx.header("X-Hub-Signature-256"))) {
            LOG.warn("webhook with a missing or wrong signature refused");
            Problems.write(ctx, json, ErrorCode.UNAUTHORIZED, "X-Hub-Signature-256 is missing or does not match the body",
                    Map.of());
            return false;
        }
        return true;
    }

    /**
     * A provider's webhook path: its secret is compared with every secret this trustgate was given, each in constant
     * time, so the time taken tells neither how close a guess came nor which business number it matched. A 360dialog
     * secret names its business number, which the handler then holds the webhook to.
     */
    private boolean providerSecret(Context ctx) {
        if (!withinWebhookLimit(ctx)) {
            return false;
        }
        String given = ctx.pathParam("secret");
        boolean admitted = settings.webhooks().fold(
                meta -> false,
                dialog360 -> {
                    Optional<BusinessNumberId> owner = Optional.empty();
                    for (Map.Entry<BusinessNumberId, String> secret : dialog360.secrets().entrySet()) {
                        if (ConstantTime.same(secret.getValue(), given)) {
                            owner = Optional.of(secret.getKey());
                        }
                    }
                    owner.ifPresent(number -> ctx.attribute(Requests.WEBHOOK_OWNER, number));
                    return owner.isPresent();
                },
                infobip -> ConstantTime.same(infobip.secret(), given));
        if (!admitted) {
            LOG.warn("a {} webhook to a path with an unknown secret refused", settings.webhooks().provider());
            Problems.write(ctx, json, ErrorCode.UNAUTHORIZED, "this is not a webhook path of this trustgate (the secret in the "
                    + "path is not one it was given)", Map.of());
        }
        return admitted;
    }

    /** A webhook is read only up to the limit; past it, 413 before anything else. */
    private boolean withinWebhookLimit(Context ctx) {
        if (ctx.contentLength() > settings.maxWebhookBytes() || ctx.bodyAsBytes().length > settings.maxWebhookBytes()) {
            Problems.write(ctx, json, ErrorCode.PAYLOAD_TOO_LARGE,
                    "webhooks larger than " + settings.maxWebhookBytes() + " bytes are refused", Map.of());
            return false;
        }
        return true;
    }

    /**
     * A SIM-swap notice carries, as bearer token, the sink credential trustgate gave the operator with the subscription:
     * compared with every configured one, each in constant time, so the time taken tells nothing about a guess.
     */
    private boolean sinkCredential(Context ctx) {
        if (!withinWebhookLimit(ctx)) {
            return false;
        }
        Optional<String> presented = bearer(ctx);
        boolean admitted = false;
        for (String credential : settings.simSwapSinkCredentials()) {
            admitted |= ConstantTime.same(credential, presented.orElse(null));
        }
        if (!admitted) {
            LOG.warn("a SIM-swap notice without a sink credential of this trustgate refused");
            ctx.header("WWW-Authenticate", "Bearer");
            Problems.write(ctx, json, ErrorCode.UNAUTHORIZED, settings.simSwapSinkCredentials().isEmpty()
                    ? "this trustgate takes no SIM-swap notices (CAMARA_SINK_CREDENTIAL is not set)"
                    : "the sink credential given with the SIM-swap subscription is required: Authorization: Bearer <credential>",
                    Map.of());
        }
        return admitted;
    }

    private boolean metricsKey(Context ctx) {
        if (settings.metricsKey().isEmpty() || bearer(ctx).filter(key -> ConstantTime.same(settings.metricsKey().get(), key)).isPresent()) {
            return true;
        }
        Problems.write(ctx, json, ErrorCode.UNAUTHORIZED, "the metrics key is required", Map.of());
        return false;
    }

    private boolean apiKey(Route route, Context ctx, boolean adminOnly) {
        Optional<Caller> caller = bearer(ctx).flatMap(keys::authenticate);
        Optional<TrustgateException> refusal = refusal(route, ctx, caller, adminOnly);
        if (refusal.isEmpty()) {
            ctx.attribute(Requests.CALLER, caller.orElseThrow());
            return true;
        }
        if (refusal.get().code() == ErrorCode.UNAUTHORIZED) {
            ctx.header("WWW-Authenticate", "Bearer");
        }
        Problems.write(ctx, json, refusal.get().code(), refusal.get().getMessage(), Map.of());
        return false;
    }

    /** A trustgate key used as the Graph access token; refusals read as the Graph API's own. */
    private boolean graphToken(Route route, Context ctx, boolean adminOnly) {
        // a path whose first segment is no Graph version is not this route: not served, whoever asks
        if (!GraphErrors.isVersion(ctx.pathParam("version"))) {
            GraphErrors.notServed(ctx, json);
            return false;
        }
        Optional<Caller> caller = bearer(ctx).flatMap(keys::authenticate);
        Optional<TrustgateException> refusal;
        try {
            refusal = refusal(route, ctx, caller, adminOnly);
        } catch (IllegalArgumentException e) {
            GraphErrors.write(ctx, json, 400, "(#100) Invalid parameter: " + e.getMessage(), 100, "trustgate: invalid_request");
            return false;
        }
        if (refusal.isEmpty()) {
            ctx.attribute(Requests.CALLER, caller.orElseThrow());
            return true;
        }
        TrustgateException e = refusal.get();
        switch (e.code()) {
            case UNAUTHORIZED -> GraphErrors.write(ctx, json, 401, "Invalid OAuth access token - trustgate API key not recognised",
                    190, "trustgate: unauthorized");
            case FORBIDDEN -> GraphErrors.write(ctx, json, 403, "(#200) " + e.getMessage(), 200, "trustgate: forbidden");
            default -> GraphErrors.write(ctx, json, Problems.status(e.code()), "(#100) " + e.getMessage(), 100,
                    "trustgate: " + e.code().code());
        }
        return false;
    }

    /** Why {@code caller} may not call {@code route}: no valid key, not the admin key, or another business's number. */
    private static Optional<TrustgateException> refusal(Route route, Context ctx, Optional<Caller> caller, boolean adminOnly) {
        if (caller.isEmpty()) {
            return Optional.of(new TrustgateException(ErrorCode.UNAUTHORIZED,
                    "a valid API key is required: Authorization: Bearer <key>"));
        }
        try {
            if (adminOnly) {
                caller.get().requireAdmin();
            }
            if (route.businessScoped()) {
                caller.get().requireAccess(Requests.business(ctx));
            }
            return Optional.empty();
        } catch (TrustgateException e) {
            return Optional.of(e);
        }
    }

    private static Optional<String> bearer(Context ctx) {
        String header = ctx.header("Authorization");
        if (header == null || header.length() > 300) {
            return Optional.empty();
        }
        String[] parts = header.trim().split("\\s+");
        if (parts.length != 2 || !parts[0].equalsIgnoreCase("Bearer") || parts[1].isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(parts[1]);
    }
}
