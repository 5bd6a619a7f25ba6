package dev.trustgate.adapters.whatsapp;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trustgate.application.port.out.GraphError;
import dev.trustgate.application.port.out.WhatsAppGateway;
import dev.trustgate.domain.BusinessNumberId;
import dev.trustgate.domain.IdentityHash;
import dev.trustgate.domain.Recipient;
import dev.trustgate.domain.WaId;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The WhatsApp Cloud API over the JDK's HttpClient, at Meta or at 360dialog ({@link CloudApiHost}: the same
 * payloads, another address and key). A send carries the pin the gate decided as the top-level
 * {@code recipient_identity_key_hash} and is retried only when WhatsApp provably did not get it (connection
 * refused, connect timeout, 429 with Retry-After): a duplicate message to a customer is a real harm. The
 * identity-check setting is idempotent and retried on 429 and 5xx. Neither host keeps an identity block of its
 * own: the pin is what makes WhatsApp refuse a changed identity (137000).
 */
public final class CloudApiClient implements WhatsAppGateway {

    private static final Logger LOG = LoggerFactory.getLogger(CloudApiClient.class);
    static final String PIN_FIELD = "recipient_identity_key_hash";

    private final CloudApiSettings settings;
    private final Capabilities capabilities;
    /** Built on the first call: a client loads TLS and its certificates, which the start need not wait for. */
    private volatile HttpClient http;
    private final ObjectMapper json;
    private final Sleeper sleeper;

    /** Waits between attempts; tests replace it to keep time out of the test. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    public CloudApiClient(CloudApiSettings settings, ObjectMapper json) {
        this(settings, json, d -> Thread.sleep(d.toMillis()));
    }

    public CloudApiClient(CloudApiSettings settings, ObjectMapper json, Sleeper sleeper) {
        this.settings = settings;
        this.json = json;
        this.sleeper = sleeper;
        this.capabilities = new Capabilities(settings.host().provider(), true, IdentityChecks.API, false, Set.of());
    }

    private HttpClient http() {
        HttpClient client = http;
        if (client == null) {
            synchronized (this) {
                client = http;
                if (client == null) {
                    client = HttpClient.newBuilder().connectTimeout(settings.connectTimeout()).version(HttpClient.Version.HTTP_1_1)
                            .followRedirects(HttpClient.Redirect.NEVER).build();
                    http = client;
                }
            }
        }
        return client;
    }

    @Override
    public Capabilities capabilities() {
        return capabilities;
    }

    /** The Cloud API carries every message type it defines; what it refuses, it refuses itself. */
    @Override
    public Optional<String> unsupportedMessageType(String messageJson) {
        return Optional.empty();
    }

    @Override
    public ConfirmOutcome confirmIdentity(BusinessNumberId business, WaId customer, IdentityHash hash) {
        throw new UnsupportedOperationException(capabilities.provider() + " keeps no identity block to confirm: "
                + "a pinned send is refused by WhatsApp itself");
    }

    @Override
    public SendOutcome send(BusinessNumberId from, Recipient to, String messageJson, Optional<IdentityHash> pin) {
        String body = pinned(messageJson, pin);
        Optional<CloudApiHost.Call> call = settings.host().call(from, "messages");
        if (call.isEmpty()) {
            return noCredentials(from);
        }
        for (int attempt = 0; ; attempt++) {
            boolean lastAttempt = attempt >= settings.retries();
            HttpResponse<String> response;
            try {
                response = http().send(request(call.get(), body), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            } catch (HttpConnectTimeoutException | ConnectException e) {
                if (lastAttempt || !pause(backoff(attempt))) {
                    return new SendOutcome.Unavailable("cannot connect to WhatsApp", false, false);
                }
                continue;
            } catch (HttpTimeoutException e) {
                LOG.warn("send from {} timed out after the request was written; not retried", from);
                return new SendOutcome.Unavailable("WhatsApp did not answer within " + settings.requestTimeout().toMillis()
                        + " ms", true, true);
            } catch (IOException e) {
                LOG.warn("send from {} failed after the request may have been written: {}", from, e.toString());
                return new SendOutcome.Unavailable("connection to WhatsApp failed", true, false);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new SendOutcome.Unavailable("interrupted", true, false);
            }
            int status = response.statusCode();
            if (status / 100 == 2) {
                Optional<String> id = GraphResponses.messageId(json, response.body());
                if (id.isPresent()) {
                    return new SendOutcome.Sent(id.get(), status, response.body(), GraphResponses.addressee(json, response.body()));
                }
                LOG.warn("WhatsApp accepted a send from {} with HTTP {} but no message id", from, status);
                return new SendOutcome.Unavailable("WhatsApp's answer had no message id", true, false);
            }
            Optional<Duration> retryAfter = status == 429 ? retryAfter(response) : Optional.empty();
            if (retryAfter.isPresent() && !lastAttempt && pause(retryAfter.get())) {
                continue;
            }
            Optional<GraphError> error = GraphResponses.error(json, response.body());
            if (error.isPresent()) {
                return new SendOutcome.Refused(status, error.get(), response.body());
            }
            return new SendOutcome.Unavailable("WhatsApp answered HTTP " + status + " without a Graph error", status >= 500,
                    false);
        }
    }

    @Override
    public ReadOutcome markRead(BusinessNumberId from, String requestJson) {
        Optional<CloudApiHost.Call> call = settings.host().call(from, "messages");
        if (call.isEmpty()) {
            SendOutcome.Refused refused = noCredentials(from);
            return new ReadOutcome.Answered(refused.status(), refused.body());
        }
        String lastProblem = "no attempt";
        for (int attempt = 0; attempt <= settings.retries(); attempt++) {
            Duration wait = backoff(attempt);
            try {
                HttpResponse<String> response = http().send(request(call.get(), requestJson), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 429 && response.statusCode() < 500) {
                    return new ReadOutcome.Answered(response.statusCode(), response.body());
                }
                lastProblem = "HTTP " + response.statusCode();
                wait = retryAfter(response).orElse(wait);
            } catch (IOException e) {
                lastProblem = e instanceof HttpTimeoutException ? "timed out" : "cannot reach WhatsApp";
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

    @Override
    public SettingOutcome setIdentityChecks(BusinessNumberId business, boolean enabled) {
        String body = "{\"user_identity_change\":{\"enable_identity_key_check\":" + enabled + "}}";
        Optional<CloudApiHost.Call> call = settings.host().call(business, "settings");
        if (call.isEmpty()) {
            return new SettingOutcome.Failed(noCredentials(business).error().message(), Optional.empty());
        }
        String lastProblem = "no attempt";
        Optional<GraphError> lastError = Optional.empty();
        for (int attempt = 0; attempt <= settings.retries(); attempt++) {
            Duration wait = backoff(attempt);
            try {
                HttpResponse<String> response = http().send(request(call.get(), body), HttpResponse.BodyHandlers.ofString());
                int status = response.statusCode();
                if (status / 100 == 2 && GraphResponses.parse(json, response.body())
                        .map(n -> n.path("success").asBoolean(false)).orElse(false)) {
                    return new SettingOutcome.Applied();
                }
                lastError = GraphResponses.error(json, response.body());
                lastProblem = "HTTP " + status + lastError.map(e -> " (#" + e.code() + " " + e.message() + ")").orElse("");
                if (status != 429 && status < 500) {
                    break;
                }
                wait = retryAfter(response).orElse(wait);
            } catch (IOException e) {
                lastProblem = e instanceof HttpTimeoutException ? "timed out" : "cannot reach WhatsApp";
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new SettingOutcome.Failed("interrupted", Optional.empty());
            }
            if (attempt < settings.retries() && !pause(wait)) {
                break;
            }
        }
        return new SettingOutcome.Failed(lastProblem, lastError);
    }

    /**
     * A business number the host has no key for: refused before anything leaves, as a Graph-style error naming
     * trustgate's configuration (an answer, not an outage: it does not count towards the circuit breaker).
     */
    private SendOutcome.Refused noCredentials(BusinessNumberId business) {
        String message = "trustgate has no " + capabilities.provider() + " API key for business number " + business.value()
                + " (D360_API_KEYS)";
        return new SendOutcome.Refused(400, new GraphError(0, "TrustgateConfiguration", message, message, ""),
                "{\"error\":{\"message\":\"" + message + "\",\"type\":\"TrustgateConfiguration\",\"code\":0}}");
    }

    private HttpRequest request(CloudApiHost.Call call, String body) {
        return HttpRequest.newBuilder(call.uri())
                .timeout(settings.requestTimeout())
                .header(call.header(), call.credential())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
    }

    /**
     * The caller's message body with trustgate's pin at the top level (and no pin of the caller's own). A body that is
     * one JSON object with neither a pin of its own nor a field named twice (the usual case) keeps the caller's bytes:
     * one streaming pass checks it and the pin is written in before its closing brace, with no tree built and written
     * again. Any other body is read into a tree and written out, so WhatsApp gets each field once, with the value the
     * gate read (the last, for a field named twice).
     */
    String pinned(String messageJson, Optional<IdentityHash> pin) {
        if (keptAsWritten(messageJson)) {
            if (pin.isEmpty()) {
                return messageJson;
            }
            int closing = messageJson.lastIndexOf('}');
            boolean empty = messageJson.substring(messageJson.indexOf('{') + 1, closing).isBlank();
            return messageJson.substring(0, closing) + (empty ? "" : ",") + "\"" + PIN_FIELD + "\":\""
                    + new String(JsonStringEncoder.getInstance().quoteAsString(pin.get().value())) + "\""
                    + messageJson.substring(closing);
        }
        JsonNode node;
        try {
            node = json.readTree(messageJson);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("message must be a JSON object");
        }
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("message must be a JSON object");
        }
        ObjectNode body = (ObjectNode) node;
        body.remove(PIN_FIELD);
        pin.ifPresent(hash -> body.put(PIN_FIELD, hash.value()));
        try {
            return json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a parsed JSON object always serialises", e);
        }
    }

    /** True when {@code messageJson} is exactly one JSON object, naming no field twice and carrying no pin of its own. */
    private boolean keptAsWritten(String messageJson) {
        try (JsonParser parser = json.getFactory().createParser(messageJson)) {
            parser.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return false;
            }
            JsonToken token;
            while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
                if (PIN_FIELD.equals(parser.currentName())) {
                    return false;
                }
                parser.nextToken();
                parser.skipChildren();
            }
            if (token != JsonToken.END_OBJECT) {
                return false;
            }
            // nothing but white space may follow (a second document, or a brace inside trailing text, is not kept)
            return parser.nextToken() == null && messageJson.substring(messageJson.lastIndexOf('}') + 1).isBlank();
        } catch (IOException e) {
            return false; // malformed, or a field named twice: the tree's reading decides
        }
    }

    private Duration backoff(int attempt) {
        long base = settings.retryBackoff().toMillis() << Math.min(attempt, 10);
        return Duration.ofMillis(base + ThreadLocalRandom.current().nextLong(base / 2 + 1));
    }

    private Optional<Duration> retryAfter(HttpResponse<?> response) {
        return response.headers().firstValue("Retry-After").flatMap(value -> {
            try {
                return Optional.of(Duration.ofSeconds(Long.parseLong(value.trim())));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }).filter(d -> !d.isNegative() && d.compareTo(settings.maxRetryAfter()) <= 0);
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
