package dev.trustgate.adapters.infobip;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trustgate.application.port.out.GraphError;
import dev.trustgate.application.port.out.WhatsAppGateway;
import dev.trustgate.domain.BusinessNumberId;
import dev.trustgate.domain.ContactNames;
import dev.trustgate.domain.IdentityHash;
import dev.trustgate.domain.Recipient;
import dev.trustgate.domain.WaId;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * WhatsApp through Infobip over the JDK's HttpClient. The business number is the Infobip sender (its phone
 * number, international format, digits). Infobip's send API carries no identity hash: instead, with the identity
 * change add-on, Infobip blocks a customer whose identity changed until the business confirms the hash
 * ({@code PUT /whatsapp/1/{sender}/contacts/{userNumber}/identity}), which trustgate does from its outbox once its
 * own acknowledgement committed. Sends are retried only when Infobip provably did not get them (connection
 * refused, connect timeout, 429 with Retry-After). Answers are given back in the Cloud API's shape, so a caller
 * of the drop-in endpoint reads what it would read from Meta.
 */
public final class InfobipClient implements WhatsAppGateway {

    private static final Logger LOG = LoggerFactory.getLogger(InfobipClient.class);
    private static final Capabilities CAPABILITIES = new Capabilities("infobip", false, IdentityChecks.PROVIDER_ACCOUNT, true,
            InfobipMessages.TYPES);

    /** Waits between attempts; tests replace it to keep time out of the test. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    private final InfobipSettings settings;
    private final ObjectMapper json;
    private final InfobipMessages messages;
    private final Sleeper sleeper;
    private final HttpClient http;

    public InfobipClient(InfobipSettings settings, ObjectMapper json) {
        this(settings, json, d -> Thread.sleep(d.toMillis()));
    }

    public InfobipClient(InfobipSettings settings, ObjectMapper json, Sleeper sleeper) {
        this.settings = settings;
        this.json = json;
        this.messages = new InfobipMessages(json);
        this.sleeper = sleeper;
        this.http = HttpClient.newBuilder().connectTimeout(settings.connectTimeout()).version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @Override
    public Capabilities capabilities() {
        return CAPABILITIES;
    }

    @Override
    public Optional<String> unsupportedMessageType(String messageJson) {
        return parse(messageJson).map(messages::unsupported).orElse(Optional.empty());
    }

    @Override
    public SendOutcome send(BusinessNumberId from, Recipient to, String messageJson, Optional<IdentityHash> pin) {
        JsonNode message = parse(messageJson).orElseThrow(() -> new IllegalArgumentException("message must be a JSON object"));
        Optional<String> unsupported = messages.unsupported(message);
        if (unsupported.isPresent()) {
            return refusedHere("Infobip does not carry messages of type " + unsupported.get() + " through trustgate");
        }
        if (to.to().isEmpty()) {
            return refusedHere("Infobip addresses customers by phone number; this message names a user id only");
        }
        String customer = to.to().get().value();
        InfobipMessages.Request request = messages.translate(from.value(), customer, message);
        URI uri = settings.endpoint(request.path());
        for (int attempt = 0; ; attempt++) {
            boolean lastAttempt = attempt >= settings.retries();
            HttpResponse<String> response;
            try {
                response = http.send(post(uri, request.body()), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            } catch (HttpConnectTimeoutException | ConnectException e) {
                if (lastAttempt || !pause(backoff(attempt))) {
                    return new SendOutcome.Unavailable("cannot connect to Infobip", false, false);
                }
                continue;
            } catch (HttpTimeoutException e) {
                LOG.warn("send from {} timed out after the request was written; not retried", from);
                return new SendOutcome.Unavailable("Infobip did not answer within " + settings.requestTimeout().toMillis() + " ms",
                        true, true);
            } catch (IOException e) {
                LOG.warn("send from {} failed after the request may have been written: {}", from, e.toString());
                return new SendOutcome.Unavailable("connection to Infobip failed", true, false);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new SendOutcome.Unavailable("interrupted", true, false);
            }
            int status = response.statusCode();
            if (status / 100 == 2) {
                return accepted(from, status, response.body(), request.bulk());
            }
            Optional<Duration> retryAfter = status == 429 ? retryAfter(response) : Optional.empty();
            if (retryAfter.isPresent() && !lastAttempt && pause(retryAfter.get())) {
                continue;
            }
            Optional<String> error = serviceException(response.body());
            if (error.isPresent()) {
                return refused(status, "Infobip answered " + status + ": " + error.get());
            }
            return new SendOutcome.Unavailable("Infobip answered HTTP " + status + " without an error body", status >= 500, false);
        }
    }

    /** A 2xx answer: the message id, unless Infobip's status says it rejected the message at once. */
    private SendOutcome accepted(BusinessNumberId from, int status, String body, boolean bulk) {
        JsonNode info = parse(body).map(n -> bulk ? n.path("messages").path(0) : n).orElse(null);
        String id = info == null ? "" : info.path("messageId").asText("");
        if (id.isBlank()) {
            LOG.warn("Infobip accepted a send from {} with HTTP {} but no message id", from, status);
            return new SendOutcome.Unavailable("Infobip's answer had no message id", true, false);
        }
        JsonNode messageStatus = info.path("status");
        if ("REJECTED".equals(messageStatus.path("groupName").asText())) {
            return refused(400, "Infobip rejected the message: " + messageStatus.path("name").asText() + " ("
                    + messageStatus.path("description").asText() + ")");
        }
        ContactNames addressee = ContactNames.NONE;
        try {
            addressee = ContactNames.of(new WaId(info.path("to").asText("")));
        } catch (IllegalArgumentException e) {
            // not a number trustgate can use: the message id is what matters here
        }
        String to = info.path("to").asText("");
        return new SendOutcome.Sent(id, status, "{\"messaging_product\":\"whatsapp\",\"contacts\":[{\"input\":" + quote(to)
                + ",\"wa_id\":" + quote(to) + "}],\"messages\":[{\"id\":" + quote(id) + "}]}", addressee);
    }

    /** Mark as read; typing indicators and anything else are answered as the Cloud API answers a bad request. */
    @Override
    public ReadOutcome markRead(BusinessNumberId from, String requestJson) {
        JsonNode request = parse(requestJson).orElse(json.createObjectNode());
        if (!"read".equals(request.path("status").asText()) || !request.path("message_id").isTextual()
                || request.has("typing_indicator")) {
            SendOutcome.Refused refused = refusedHere("Infobip carries mark-as-read (status read with a message_id) only");
            return new ReadOutcome.Answered(refused.status(), refused.body());
        }
        URI uri = settings.endpoint("/whatsapp/1/senders/" + from.value() + "/message/" + encode(request.get("message_id").asText())
                + "/read");
        String lastProblem = "no attempt";
        for (int attempt = 0; attempt <= settings.retries(); attempt++) {
            Duration wait = backoff(attempt);
            try {
                HttpResponse<String> response = http.send(post(uri, ""), HttpResponse.BodyHandlers.ofString());
                int status = response.statusCode();
                if (status / 100 == 2) {
                    return new ReadOutcome.Answered(200, "{\"success\":true}");
                }
                if (status != 429 && status < 500) {
                    SendOutcome.Refused refused = refused(status, "Infobip answered " + status + ": "
                            + serviceException(response.body()).orElse("no error body"));
                    return new ReadOutcome.Answered(status, refused.body());
                }
                lastProblem = "HTTP " + status;
                wait = retryAfter(response).orElse(wait);
            } catch (IOException e) {
                lastProblem = e instanceof HttpTimeoutException ? "timed out" : "cannot reach Infobip";
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new ReadOutcome.Unavailable("interrupted");
            }
            if (attempt < settings.retries() && !pause(wait)) {
                break;
            }
        }
        return new ReadOutcome.Unavailable(lastProblem);
    }

    /**
     * Infobip's identity change is an add-on its support enables for the whole account; there is no API for it. With
     * {@code INFOBIP_IDENTITY_CHANGE=enabled} (the operator's word that it is on) trustgate records the opt-in;
     * without, it refuses, since no identity data would reach it and nothing would ever block.
     */
    @Override
    public SettingOutcome setIdentityChecks(BusinessNumberId business, boolean enabled) {
        if (!enabled) {
            LOG.info("identity checks off for {} in trustgate; Infobip's identity change add-on, if on, stays on for the account",
                    business);
            return new SettingOutcome.Applied();
        }
        if (!settings.identityChangeEnabled()) {
            return new SettingOutcome.Unsupported("Infobip turns identity change on for the whole account through its support "
                    + "(a paid add-on, no API); ask Infobip to enable it, then set INFOBIP_IDENTITY_CHANGE=enabled");
        }
        LOG.info("identity checks on for {}: Infobip's identity change add-on is enabled for the account", business);
        return new SettingOutcome.Applied();
    }

    @Override
    public ConfirmOutcome confirmIdentity(BusinessNumberId business, WaId customer, IdentityHash hash) {
        URI uri = settings.endpoint("/whatsapp/1/" + business.value() + "/contacts/" + customer.value() + "/identity");
        String body = json.createObjectNode().put("hash", hash.value()).toString();
        HttpResponse<String> response;
        try {
            response = http.send(HttpRequest.newBuilder(uri).timeout(settings.requestTimeout())
                    .header("Authorization", "App " + settings.apiKey()).header("Content-Type", "application/json")
                    .header("Accept", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            return new ConfirmOutcome.RetryLater(e instanceof HttpTimeoutException ? "Infobip did not answer in time"
                    : "cannot reach Infobip", Optional.empty());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new ConfirmOutcome.RetryLater("interrupted", Optional.empty());
        }
        int status = response.statusCode();
        String said = serviceException(response.body()).map(text -> ": " + text).orElse("");
        if (status / 100 == 2) {
            return new ConfirmOutcome.Confirmed();
        }
        if (status == 409) {
            return new ConfirmOutcome.Refused("Infobip answered 409" + said + " Infobip holds another identity for this customer "
                    + "(it takes the new one when the customer next writes); redeliver once it does");
        }
        if (status == 429 || status >= 500) {
            return new ConfirmOutcome.RetryLater("Infobip answered " + status + said, askedWait(response));
        }
        return new ConfirmOutcome.Refused("Infobip answered " + status + said);
    }

    private HttpRequest post(URI uri, String body) {
        return HttpRequest.newBuilder(uri)
                .timeout(settings.requestTimeout())
                .header("Authorization", "App " + settings.apiKey())
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
    }

    /** {@code requestError.serviceException}'s text (and its message id) of an Infobip error body. */
    private Optional<String> serviceException(String body) {
        return parse(body).map(n -> n.path("requestError").path("serviceException")).filter(JsonNode::isObject)
                .map(e -> e.path("text").asText("") + (e.path("messageId").isTextual() ? " (" + e.get("messageId").asText() + ")" : ""));
    }

    /** Infobip refused: the Cloud API's error shape, so the drop-in endpoint answers what Meta would. */
    private SendOutcome.Refused refused(int status, String message) {
        GraphError error = new GraphError(0, "Infobip", message, message, "");
        return new SendOutcome.Refused(status, error, "{\"error\":{\"message\":" + quote(message) + ",\"type\":\"Infobip\",\"code\":0,"
                + "\"error_data\":{\"messaging_product\":\"whatsapp\",\"details\":" + quote(message) + "}}}");
    }

    /** Refused before anything left: a request Infobip could not take as it stands. */
    private SendOutcome.Refused refusedHere(String message) {
        return refused(400, message);
    }

    private Optional<JsonNode> parse(String body) {
        try {
            JsonNode node = json.readTree(body);
            return node != null && node.isObject() ? Optional.of(node) : Optional.empty();
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }

    private String quote(String text) {
        try {
            return json.writeValueAsString(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a string always serialises", e);
        }
    }

    private static String encode(String pathPart) {
        return java.net.URLEncoder.encode(pathPart, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private Duration backoff(int attempt) {
        long base = settings.retryBackoff().toMillis() << Math.min(attempt, 10);
        return Duration.ofMillis(base + ThreadLocalRandom.current().nextLong(base / 2 + 1));
    }

    /** A Retry-After short enough to wait for within the call. */
    private Optional<Duration> retryAfter(HttpResponse<?> response) {
        return askedWait(response).filter(d -> d.compareTo(settings.maxRetryAfter()) <= 0);
    }

    /** The wait Retry-After asks for, in seconds (the outbox heeds long ones). */
    private static Optional<Duration> askedWait(HttpResponse<?> response) {
        return response.headers().firstValue("Retry-After").flatMap(value -> {
            try {
                return Optional.of(Duration.ofSeconds(Long.parseLong(value.trim())));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }).filter(d -> !d.isNegative());
    }

    private boolean pause(Duration duration) {
        try {
            sleeper.sleep(duration);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
