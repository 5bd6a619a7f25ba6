package dev.trustgate.adapters.camara;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The OAuth2 access token for the operator's APIs, by the client-credentials grant (RFC 6749 §4.4, the client
 * authenticated with HTTP Basic as §2.3.1 says), kept until shortly before it expires so one token serves many calls.
 */
final class ClientCredentials {

    /** A token is renewed this long before the expiry the operator gave. */
    static final Duration MARGIN = Duration.ofSeconds(30);

    private record Token(String value, Instant expires) {
    }

    private final CamaraSettings settings;
    private final HttpClient http;
    private final ObjectMapper json;
    private final Supplier<Instant> clock;
    private Optional<Token> current = Optional.empty();

    ClientCredentials(CamaraSettings settings, HttpClient http, ObjectMapper json, Supplier<Instant> clock) {
        this.settings = settings;
        this.http = http;
        this.json = json;
        this.clock = clock;
    }

    /** A token valid now: the kept one, or a new one. */
    synchronized String token() throws java.io.IOException, InterruptedException {
        Instant now = clock.get();
        if (current.isPresent() && now.isBefore(current.get().expires())) {
            return current.get().value();
        }
        String basic = Base64.getEncoder().encodeToString((URLEncoder.encode(settings.clientId(), StandardCharsets.UTF_8) + ":"
                + URLEncoder.encode(settings.clientSecret(), StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));
        HttpResponse<java.io.InputStream> response = http.send(HttpRequest.newBuilder(settings.tokenUrl()).timeout(settings.timeout())
                .header("Authorization", "Basic " + basic).header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build(), BoundedBodies.handler());
        String answer = BoundedBodies.text(response, "the token endpoint");
        if (response.statusCode() != 200) {
            throw new CamaraException("the token endpoint answered " + response.statusCode());
        }
        JsonNode body = json.readTree(answer);
        if (!body.path("access_token").isTextual()) {
            throw new CamaraException("the token endpoint answered without an access_token");
        }
        long lifetime = body.path("expires_in").asLong(0);
        Instant expires = now.plusSeconds(lifetime).minus(MARGIN);
        Token token = new Token(body.get("access_token").asText(), expires);
        // a token without a stated lifetime (or shorter than the margin) serves this call only
        current = expires.isAfter(now) ? Optional.of(token) : Optional.empty();
        return token.value();
    }

    /** The operator refused the kept token: the next call takes a new one. */
    synchronized void forget() {
        current = Optional.empty();
    }
}
