package com.example.notifications.whatsapp;

import dev.trustgate.application.port.out.GraphError;
import dev.trustgate.application.port.out.WhatsAppGateway;
import dev.trustgate.domain.BusinessNumberId;
import dev.trustgate.domain.ContactNames;
import dev.trustgate.domain.IdentityHash;
import dev.trustgate.domain.Recipient;
import dev.trustgate.domain.UserId;
import dev.trustgate.domain.WaId;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The notification service's own channel to the WhatsApp Cloud API (the JDK's HttpClient), as trustgate's
 * {@link WhatsAppGateway} port. The one thing trustgate asks of it beyond an ordinary send: put the pin the
 * gate decided into the request as the top-level {@code recipient_identity_key_hash}, so WhatsApp itself
 * refuses the message (137000) if the identity changed after the decision.
 *
 * <p>A send is never retried here: a request that may have reached WhatsApp could deliver twice. The
 * product has no JSON library of its own, so it reads the few fields of WhatsApp's answers it needs with
 * patterns; a product with one would use it.
 */
public final class CloudApiChannel implements WhatsAppGateway {

    private static final Pattern MESSAGE_ID = Pattern.compile("\"messages\"\\s*:\\s*\\[\\s*\\{[^}]*\"id\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern WA_ID = Pattern.compile("\"wa_id\"\\s*:\\s*\"([0-9]+)\"");
    private static final Pattern USER_ID = Pattern.compile("\"user_id\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern ERROR_CODE = Pattern.compile("\"code\"\\s*:\\s*([0-9]+)");
    private static final Pattern ERROR_TYPE = Pattern.compile("\"type\"\\s*:\\s*\"([^\"]*)\"");
    private static final Pattern ERROR_MESSAGE = Pattern.compile("\"message\"\\s*:\\s*\"([^\"]*)\"");

    private final URI graph;
    private final String accessToken;
    private final HttpClient http;
    private final Duration timeout;

    /**
     * @param graph the Graph API with its version, e.g. {@code https://graph.facebook.com/v25.0}
     */
    public CloudApiChannel(URI graph, String accessToken, Duration timeout) {
        this.graph = graph;
        this.accessToken = accessToken;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).version(HttpClient.Version.HTTP_1_1).build();
    }

    /** The Cloud API pins sends, takes the identity-check setting, carries every message type and blocks nothing itself. */
    private static final Capabilities CAPABILITIES = new Capabilities("cloud-api", true, IdentityChecks.API, false, Set.of());

    @Override
    public Capabilities capabilities() {
        return CAPABILITIES;
    }

    @Override
    public Optional<String> unsupportedMessageType(String messageJson) {
        return Optional.empty();
    }

    /** Never called: the Cloud API keeps no identity block of its own to confirm ({@link Capabilities#confirmsIdentities()}). */
    @Override
    public ConfirmOutcome confirmIdentity(BusinessNumberId business, WaId customer, IdentityHash hash) {
        throw new UnsupportedOperationException("the Cloud API keeps no identity block to confirm: the pin is the block");
    }

    @Override
    public SendOutcome send(BusinessNumberId from, Recipient to, String messageJson, Optional<IdentityHash> pin) {
        HttpResponse<String> response;
        try {
            response = post(from.value() + "/messages", pinned(messageJson, pin));
        } catch (java.net.ConnectException e) {
            return new SendOutcome.Unavailable("cannot connect to WhatsApp", false, false);
        } catch (HttpTimeoutException e) {
            return new SendOutcome.Unavailable("WhatsApp did not answer in time", true, true);
        } catch (IOException e) {
            return new SendOutcome.Unavailable("connection to WhatsApp failed", true, false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new SendOutcome.Unavailable("interrupted", true, false);
        }
        String body = response.body();
        if (response.statusCode() / 100 == 2) {
            Optional<String> id = first(MESSAGE_ID, body);
            if (id.isEmpty()) {
                return new SendOutcome.Unavailable("WhatsApp's answer had no message id", true, false);
            }
            ContactNames addressee = new ContactNames(first(WA_ID, body).map(WaId::new), first(USER_ID, body).map(UserId::new),
                    Optional.empty());
            return new SendOutcome.Sent(id.get(), response.statusCode(), body, addressee);
        }
        return new SendOutcome.Refused(response.statusCode(), graphError(body), body);
    }

    @Override
    public ReadOutcome markRead(BusinessNumberId from, String requestJson) {
        try {
            HttpResponse<String> response = post(from.value() + "/messages", requestJson);
            return new ReadOutcome.Answered(response.statusCode(), response.body());
        } catch (IOException e) {
            return new ReadOutcome.Unavailable("cannot reach WhatsApp");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new ReadOutcome.Unavailable("interrupted");
        }
    }

    @Override
    public SettingOutcome setIdentityChecks(BusinessNumberId business, boolean enabled) {
        try {
            HttpResponse<String> response = post(business.value() + "/settings",
                    "{\"user_identity_change\":{\"enable_identity_key_check\":" + enabled + "}}");
            if (response.statusCode() / 100 == 2) {
                return new SettingOutcome.Applied();
            }
            return new SettingOutcome.Failed("WhatsApp answered HTTP " + response.statusCode(),
                    Optional.of(graphError(response.body())));
        } catch (IOException e) {
            return new SettingOutcome.Failed("cannot reach WhatsApp", Optional.empty());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new SettingOutcome.Failed("interrupted", Optional.empty());
        }
    }

    /** The message with the pin as its first top-level field (the body is a JSON object as the Cloud API takes it). */
    static String pinned(String messageJson, Optional<IdentityHash> pin) {
        if (pin.isEmpty()) {
            return messageJson;
        }
        int open = messageJson.indexOf('{');
        if (open < 0) {
            throw new IllegalArgumentException("a Cloud API message is a JSON object");
        }
        String rest = messageJson.substring(open + 1);
        // an identity hash is base64: nothing in it needs escaping
        return messageJson.substring(0, open + 1) + "\"recipient_identity_key_hash\":\"" + pin.get().value() + "\""
                + (rest.isBlank() || rest.strip().startsWith("}") ? "" : ",") + rest;
    }

    private HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(graph + "/" + path)).timeout(timeout)
                .header("Authorization", "Bearer " + accessToken).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static GraphError graphError(String body) {
        return new GraphError(first(ERROR_CODE, body).map(Integer::parseInt).orElse(0), first(ERROR_TYPE, body).orElse(""),
                first(ERROR_MESSAGE, body).orElse("WhatsApp refused the request"), "", "");
    }

    private static Optional<String> first(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
    }
}
