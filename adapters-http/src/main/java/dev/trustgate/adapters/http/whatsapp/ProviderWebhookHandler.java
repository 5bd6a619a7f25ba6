package dev.trustgate.adapters.http.whatsapp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trustgate.adapters.http.support.HttpMetrics;
import dev.trustgate.adapters.http.support.HttpSettings;
import dev.trustgate.adapters.http.support.Problems;
import dev.trustgate.adapters.http.support.Requests;
import dev.trustgate.adapters.http.support.OpenApi;
import dev.trustgate.adapters.http.support.Route;
import dev.trustgate.adapters.http.support.Route.Access;
import dev.trustgate.application.ErrorCode;
import dev.trustgate.application.port.in.RecordIdentitySignalUseCase;
import dev.trustgate.application.port.in.RecordIdentitySignalUseCase.Outcome;
import dev.trustgate.domain.BusinessNumberId;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The webhooks of providers that sign nothing, taken at a path that carries a secret (the route's access checks
 * it, and the size, before this runs): 360dialog's (the Cloud API's payloads, one secret per business number) and
 * Infobip's inbound messages (one secret for the account). Each is then handled as Meta's webhook is: identity
 * signals applied and the webhook queued for the business's own app in one transaction, 200 only after that commit,
 * redeliveries acknowledged without a second effect. A 360dialog webhook may only speak of the business number its
 * secret belongs to: one that names another is refused whole (403) and changes nothing.
 */
public final class ProviderWebhookHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ProviderWebhookHandler.class);

    private final WhatsAppWebhookTranslator cloudApi;
    private final InfobipWebhookTranslator infobip;
    private final RecordIdentitySignalUseCase recordSignals;
    private final ObjectMapper json;
    private final HttpMetrics metrics;

    ProviderWebhookHandler(WhatsAppWebhookTranslator cloudApi, InfobipWebhookTranslator infobip, RecordIdentitySignalUseCase recordSignals,
                           ObjectMapper json, HttpMetrics metrics) {
        this.cloudApi = cloudApi;
        this.infobip = infobip;
        this.recordSignals = recordSignals;
        this.json = json;
        this.metrics = metrics;
    }

    /**
     * The configured provider's webhook route; Meta's door answers 404 saying where this deployment's webhooks go, so
     * a webhook sent to the wrong one is seen at once. Meta's own routes are {@link WhatsAppWebhookHandler#routes}.
     */
    public static List<Route> routes(HttpSettings settings, Supplier<Instant> clock, RecordIdentitySignalUseCase recordSignals,
                                     ObjectMapper json, HttpMetrics metrics) {
        ProviderWebhookHandler handler = new ProviderWebhookHandler(new WhatsAppWebhookTranslator(clock),
                new InfobipWebhookTranslator(clock, json), recordSignals, json, metrics);
        String provider = settings.webhooks().provider();
        Route intake = settings.webhooks().fold(
                meta -> {
                    throw new IllegalArgumentException("Meta's webhooks are WhatsAppWebhookHandler's");
                },
                dialog360 -> new Route("POST", "/webhooks/360dialog/{secret}", Access.PROVIDER_WEBHOOK_SECRET,
                        "360dialog's webhook for the business number whose secret is in the path", handler::dialog360)
                        .id("receive360dialogWebhook").accepting(OpenApi.PROVIDER_WEBHOOK).answering(OpenApi.WEBHOOK_RECEIPT)
                        .refusing(ErrorCode.FORBIDDEN),
                infobip -> new Route("POST", "/webhooks/infobip/{secret}", Access.PROVIDER_WEBHOOK_SECRET,
                        "Infobip's inbound WhatsApp messages (the path carries the account's secret)", handler::infobip)
                        .id("receiveInfobipWebhook").accepting(OpenApi.PROVIDER_WEBHOOK).answering(OpenApi.WEBHOOK_RECEIPT));
        String instead = intake.path().replace("{secret}", "<secret>");
        return List.of(intake,
                new Route("GET", "/webhooks/whatsapp", Access.PUBLIC, "not taken: this trustgate reaches WhatsApp through " + provider,
                        ctx -> notTaken(ctx, json, provider, instead)).id("verifyWhatsAppSubscription")
                        .answering(404, "application/problem+json", OpenApi.PROBLEM),
                new Route("POST", "/webhooks/whatsapp", Access.PUBLIC, "not taken: this trustgate reaches WhatsApp through " + provider,
                        ctx -> notTaken(ctx, json, provider, instead)).id("receiveWhatsAppWebhook")
                        .answering(404, "application/problem+json", OpenApi.PROBLEM));
    }

    private static void notTaken(Context ctx, ObjectMapper json, String provider, String instead) {
        Problems.write(ctx, json, ErrorCode.NOT_FOUND, "this trustgate reaches WhatsApp through " + provider
                + " (TRUSTGATE_WHATSAPP_PROVIDER): Meta's webhooks are not taken; " + provider + "'s go to " + instead, Map.of());
    }

    /** A Cloud API webhook of the business number the path's secret belongs to. */
    void dialog360(Context ctx) {
        BusinessNumberId owner = Requests.webhookOwner(ctx);
        byte[] body = ctx.bodyAsBytes();
        Optional<JsonNode> payload = parse(ctx, body);
        if (payload.isEmpty()) {
            return;
        }
        WhatsAppWebhookTranslator.Translation translation = cloudApi.translate(payload.get(), Optional.empty());
        List<RelayParts.Part> parts = RelayParts.of(payload.get(), body, Optional.empty());
        boolean foreign = Stream.concat(translation.signals().stream().map(RecordIdentitySignalUseCase.Signal::business),
                        Stream.concat(translation.named().keySet().stream(), parts.stream().flatMap(p -> p.business().stream())))
                .anyMatch(business -> !business.equals(owner));
        if (foreign) {
            LOG.warn("a 360dialog webhook at one business number's path named another business number: refused");
            Problems.write(ctx, json, ErrorCode.FORBIDDEN, "this webhook path belongs to one business number and the webhook "
                    + "names another (metadata.phone_number_id); nothing was applied", Map.of());
            return;
        }
        // what names no business number (account updates) came through this number's path: it is this number's
        List<RelayParts.Part> own = parts.stream().map(p -> new RelayParts.Part(Optional.of(owner), p.body())).toList();
        record(ctx, translation, own);
    }

    /** Infobip's inbound messages, for any sender of the account. */
    void infobip(Context ctx) {
        byte[] body = ctx.bodyAsBytes();
        Optional<JsonNode> payload = parse(ctx, body);
        if (payload.isEmpty()) {
            return;
        }
        record(ctx, infobip.translate(payload.get()), infobip.parts(payload.get(), body));
    }

    private void record(Context ctx, WhatsAppWebhookTranslator.Translation translation, List<RelayParts.Part> parts) {
        List<RecordIdentitySignalUseCase.Relay> relays = parts.stream()
                .map(part -> new RecordIdentitySignalUseCase.Relay(part.business(), part.body(),
                        part.business().map(translation::namedIn).orElse(List.of())))
                .toList();
        List<Outcome> outcomes = recordSignals.record(translation.signals(), relays);
        metrics.webhook(outcomes, translation.skipped());
        ctx.status(200).json(Map.of("received", true,
                "applied", outcomes.stream().filter(o -> o == Outcome.APPLIED).count(),
                "ignored", outcomes.stream().filter(o -> o == Outcome.IGNORED).count(),
                "duplicates", outcomes.stream().filter(o -> o == Outcome.DUPLICATE).count(),
                "skipped", translation.skipped()));
    }

    private Optional<JsonNode> parse(Context ctx, byte[] body) {
        JsonNode payload;
        try {
            payload = json.readTree(body);
        } catch (JsonProcessingException e) {
            payload = null;
        } catch (java.io.IOException e) {
            throw new IllegalStateException("reading a byte array cannot fail", e);
        }
        if (payload == null || !payload.isObject()) {
            Problems.write(ctx, json, ErrorCode.INVALID_REQUEST, "the webhook body is not a JSON object", Map.of());
            return Optional.empty();
        }
        return Optional.of(payload);
    }
}
