package dev.trustgate.adapters.camara;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trustgate.application.ErrorCode;
import dev.trustgate.application.TrustgateException;
import dev.trustgate.application.port.out.SimSwapOperator;
import dev.trustgate.application.port.out.SimSwapSubscription;
import dev.trustgate.domain.BusinessNumberId;
import dev.trustgate.domain.WaId;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A mobile operator's CAMARA SIM-swap APIs over the JDK's HttpClient, in the published shapes (camaraproject/SimSwap):
 * subscriptions ({@code POST/GET …/sim-swap-subscriptions/v0.3/subscriptions}, protocol HTTP, trustgate's sink with
 * its sink credential as an {@code ACCESSTOKEN} bearer, one {@code swapped} type, the number in
 * {@code config.subscriptionDetail.phoneNumber}) and the check ({@code POST …/sim-swap/v2/check}
 * {@code {phoneNumber, maxAge}} → {@code {swapped}}). Every call carries an OAuth2 client-credentials token, kept until
 * it expires; one the operator refuses (401) is replaced once. Numbers are logged masked.
 */
public final class CamaraClient implements SimSwapOperator {

    static final String SWAPPED = "org.camaraproject.sim-swap-subscriptions.v0.swapped";
    private static final Logger LOG = LoggerFactory.getLogger(CamaraClient.class);

    private final CamaraSettings settings;
    private final ObjectMapper json;
    private final HttpClient http;
    private final ClientCredentials credentials;

    public CamaraClient(CamaraSettings settings, ObjectMapper json) {
        this(settings, json, Instant::now);
    }

    /** With {@code clock} deciding when the kept token expired. */
    public CamaraClient(CamaraSettings settings, ObjectMapper json, Supplier<Instant> clock) {
        this.settings = settings;
        this.json = json;
        this.http = HttpClient.newBuilder().connectTimeout(settings.timeout()).followRedirects(HttpClient.Redirect.NEVER).build();
        this.credentials = new ClientCredentials(settings, http, json, clock);
    }

    @Override
    public SimSwapSubscription subscribe(BusinessNumberId business, WaId number, Instant expireAt) {
        ObjectNode body = json.createObjectNode().put("protocol", "HTTP").put("sink", settings.sink().toString());
        body.putObject("sinkCredential").put("credentialType", "ACCESSTOKEN").put("accessToken", settings.sinkCredential())
                .put("accessTokenExpiresUtc", expireAt.toString()).put("accessTokenType", "bearer");
        body.putArray("types").add(SWAPPED);
        ObjectNode config = body.putObject("config");
        config.putObject("subscriptionDetail").put("phoneNumber", "+" + number.value());
        config.put("subscriptionExpireTime", expireAt.toString());
        JsonNode answer = call("POST", settings.subscriptions(), Optional.of(body), 201, 202);
        String id = text(answer, "id").orElseThrow(() -> upstream("a subscription was answered without its id"));
        SimSwapSubscription.Status status = text(answer, "status").map(CamaraClient::status)
                .orElse(SimSwapSubscription.Status.ACTIVATION_REQUESTED);
        Instant startsAt = text(answer, "startsAt").map(CamaraClient::instant).orElseGet(Instant::now);
        Optional<Instant> expiresAt = text(answer, "expiresAt").map(CamaraClient::instant).or(() -> Optional.of(expireAt));
        SimSwapSubscription made;
        try {
            made = new SimSwapSubscription(id, business, number, status, startsAt, Optional.empty(), expiresAt);
        } catch (IllegalArgumentException e) {
            // the operator's answer is at fault, not the caller's request: 502, not 400 (its values are not repeated)
            throw upstream("a subscription was answered that trustgate cannot hold (" + e.getMessage() + ")");
        }
        LOG.info("SIM-swap subscription {} made for {} of business number {}", id, number.masked(), business);
        return made;
    }

    /** The subscriptions the operator holds for these client credentials: their ids and statuses, as it lists them. */
    public Map<String, SimSwapSubscription.Status> subscriptions() {
        JsonNode answer = call("GET", settings.subscriptions(), Optional.empty(), 200);
        if (!answer.isArray()) {
            throw upstream("the subscriptions were not listed as an array");
        }
        Map<String, SimSwapSubscription.Status> listed = new java.util.LinkedHashMap<>();
        for (JsonNode subscription : answer) {
            text(subscription, "id").ifPresent(id -> listed.put(id, text(subscription, "status").map(CamaraClient::status)
                    .orElse(SimSwapSubscription.Status.ACTIVE)));
        }
        return listed;
    }

    @Override
    public boolean swappedWithin(WaId number, int maxAgeHours) {
        if (maxAgeHours < 1 || maxAgeHours > 2400) {
            throw new IllegalArgumentException("maxAge must be 1 to 2400 hours");
        }
        ObjectNode body = json.createObjectNode().put("phoneNumber", "+" + number.value()).put("maxAge", maxAgeHours);
        JsonNode answer = call("POST", settings.simSwap("check"), Optional.of(body), 200);
        if (!answer.path("swapped").isBoolean()) {
            throw upstream("the SIM-swap check was answered without swapped");
        }
        return answer.get("swapped").asBoolean();
    }

    /** One call with the kept token; a token the operator refuses is replaced once. */
    private JsonNode call(String method, URI uri, Optional<JsonNode> body, int... expected) {
        try {
            HttpResponse<InputStream> response = send(method, uri, body, credentials.token());
            if (response.statusCode() == 401) {
                response.body().close();
                credentials.forget();
                response = send(method, uri, body, credentials.token());
            }
            String answer = BoundedBodies.text(response, "the operator");
            for (int status : expected) {
                if (response.statusCode() == status) {
                    return answer.isBlank() ? json.createObjectNode() : json.readTree(answer);
                }
            }
            throw upstream("the operator answered " + response.statusCode() + error(answer));
        } catch (CamaraException e) {
            throw upstream(e.getMessage());
        } catch (IOException e) {
            throw new TrustgateException(ErrorCode.UPSTREAM_ERROR, "the mobile operator's API could not be reached: "
                    + e.getClass().getSimpleName(), Map.of(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TrustgateException(ErrorCode.UPSTREAM_ERROR, "interrupted while calling the mobile operator's API");
        }
    }

    private HttpResponse<InputStream> send(String method, URI uri, Optional<JsonNode> body, String token)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(settings.timeout())
                .header("Authorization", "Bearer " + token).header("Accept", "application/json")
                .header("x-correlator", UUID.randomUUID().toString());
        if (body.isPresent()) {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body.get())));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return http.send(request.build(), BoundedBodies.handler());
    }

    /** CAMARA's ErrorInfo {@code code} and {@code message}, when the body is one. */
    private String error(String body) {
        try {
            JsonNode error = json.readTree(body);
            Optional<String> code = text(error, "code");
            return code.map(c -> " " + c + text(error, "message").map(m -> ": " + m).orElse("")).orElse("");
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    private static Optional<String> text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isTextual() && !value.asText().isEmpty() ? Optional.of(value.asText()) : Optional.empty();
    }

    private static SimSwapSubscription.Status status(String status) {
        return switch (status.toUpperCase(Locale.ROOT)) {
            case "ACTIVE" -> SimSwapSubscription.Status.ACTIVE;
            case "INACTIVE" -> SimSwapSubscription.Status.INACTIVE;
            case "EXPIRED", "DELETED" -> SimSwapSubscription.Status.ENDED;
            default -> SimSwapSubscription.Status.ACTIVATION_REQUESTED;
        };
    }

    private static Instant instant(String text) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (java.time.format.DateTimeParseException e) {
            throw upstream("a time was not RFC 3339: " + text);
        }
    }

    private static TrustgateException upstream(String message) {
        return new TrustgateException(ErrorCode.UPSTREAM_ERROR, "mobile operator's SIM-swap API: " + message);
    }
}
