package dev.trustgate.adapters.http.whatsapp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trustgate.adapters.http.support.HttpMetrics;
import dev.trustgate.adapters.http.support.HttpSettings;
import dev.trustgate.adapters.http.support.Problems;
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

/**
 * WhatsApp's webhook endpoint. GET answers the subscription handshake. POST, its size and signature checked
 * before it runs (the route's access), applies the identity signals and queues the webhook for the business's own app (every
 * field, split per business number when it concerns several) in one transaction, and answers 200 only after
 * that commit (503 when storage is down, so WhatsApp retries). Well-formed payloads of no interest are
 * acknowledged; a redelivery is acknowledged without a second effect.
 */
public final class WhatsAppWebhookHandler {

    private final HttpSettings settings;
    private final WhatsAppWebhookTranslator translator;
    private final RecordIdentitySignalUseCase recordSignals;
    private final ObjectMapper json;
    private final HttpMetrics metrics;

    WhatsAppWebhookHandler(HttpSettings settings, WhatsAppWebhookTranslator translator, RecordIdentitySignalUseCase recordSignals,
                           ObjectMapper json, HttpMetrics metrics) {
        this.metrics = metrics;
        this.settings = settings;
        this.translator = translator;
        this.recordSignals = recordSignals;
        this.json = json;
    }

    /** WhatsApp's two routes: the subscription handshake and the signed webhook. */
    public static List<Route> routes(HttpSettings settings, Supplier<Instant> clock, RecordIdentitySignalUseCase recordSignals,
                                     ObjectMapper json, HttpMetrics metrics) {
        WhatsAppWebhookHandler webhook = new WhatsAppWebhookHandler(settings, new WhatsAppWebhookTranslator(clock), recordSignals,
                json, metrics);
        return List.of(
                new Route("GET", "/webhooks/whatsapp", Access.WHATSAPP_VERIFY_TOKEN, "WhatsApp subscription handshake",
                        webhook::verifySubscription).id("verifyWhatsAppSubscription").answering(200, "text/plain", OpenApi.TEXT),
                new Route("POST", "/webhooks/whatsapp", Access.WHATSAPP_SIGNATURE, "signed WhatsApp webhook", webhook::receive)
                        .id("receiveWhatsAppWebhook").accepting(OpenApi.WHATSAPP_WEBHOOK).answering(OpenApi.WEBHOOK_RECEIPT));
    }

    /** The verify token was checked before this runs (its route's access); the challenge is echoed as WhatsApp asks. */
    void verifySubscription(Context ctx) {
        String challenge = ctx.queryParam("hub.challenge");
        if (challenge == null || challenge.length() > 200) {
            Problems.write(ctx, json, ErrorCode.INVALID_REQUEST, "hub.challenge is required, at most 200 characters", Map.of());
            return;
        }
        ctx.status(200).contentType("text/plain").result(challenge);
    }

    /** Size and signature were checked before this runs (its route's access): the body is WhatsApp's, and not too large. */
    void receive(Context ctx) {
        byte[] body = ctx.bodyAsBytes();
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
            return;
        }
        // The signature covers the body only, not the URL: a number in the URL could send a signed webhook of one
        // business to another. On-Premises webhooks belong to the one number this trustgate is configured for.
        String named = ctx.queryParam("phone_number_id");
        if (named != null && !settings.onPremisesNumber().map(BusinessNumberId::value).filter(named::equals).isPresent()) {
            Problems.write(ctx, json, ErrorCode.INVALID_REQUEST, settings.onPremisesNumber().isEmpty()
                    ? "phone_number_id in the URL is not covered by the webhook's signature and is not accepted; "
                            + "set TRUSTGATE_ON_PREMISES_PHONE_NUMBER_ID to take On-Premises webhooks"
                    : "phone_number_id in the URL is not covered by the webhook's signature and is not the number this "
                            + "trustgate takes On-Premises webhooks for", Map.of());
            return;
        }
        Optional<BusinessNumberId> onPremises = settings.onPremisesNumber();
        WhatsAppWebhookTranslator.Translation translation = translator.translate(payload, onPremises);
        // every verified webhook is relayed, each part with the names of its own business number's customers
        List<RecordIdentitySignalUseCase.Relay> relays = RelayParts.of(payload, body, onPremises).stream()
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
}
