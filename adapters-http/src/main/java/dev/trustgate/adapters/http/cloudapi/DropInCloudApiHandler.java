package dev.trustgate.adapters.http.cloudapi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trustgate.adapters.http.support.BlockedSends;
import dev.trustgate.adapters.http.support.GraphErrors;
import dev.trustgate.adapters.http.support.HttpMetrics;
import dev.trustgate.adapters.http.support.Problems;
import dev.trustgate.adapters.http.support.Recipients;
import dev.trustgate.adapters.http.support.Requests;
import dev.trustgate.adapters.http.support.OpenApi;
import dev.trustgate.adapters.http.support.Route;
import dev.trustgate.adapters.http.support.Route.Access;
import dev.trustgate.adapters.http.support.UseCases;
import dev.trustgate.application.ErrorCode;
import dev.trustgate.application.Caller;
import dev.trustgate.application.TrustgateException;
import dev.trustgate.application.port.in.MarkMessageReadUseCase;
import dev.trustgate.application.port.in.OptInToIdentityChecksUseCase;
import dev.trustgate.application.port.in.SendMessageUseCase;
import dev.trustgate.application.port.in.SendMessageUseCase.Result;
import dev.trustgate.domain.BusinessNumberId;
import dev.trustgate.domain.Recipient;
import io.javalin.http.Context;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Cloud API as an existing WhatsApp app calls it — only its base URL and token change (the token is
 * a trustgate API key). {@code POST /{version}/{pnid}/messages} forwards allowed sends and passes
 * WhatsApp's answer back; a blocked send gets a Graph-style error with code 137000, so the app's own
 * error handling fires; mark-as-read calls pass through ungated. {@code POST /{version}/{pnid}/settings} (admin
 * key) sets identity checks. The key is checked before a handler runs (the routes' access, GRAPH and
 * GRAPH_ADMIN). Errors here are always Graph-shaped, never problem documents.
 */
public final class DropInCloudApiHandler {

    static final int IDENTITY_KEY_MISMATCH = 137000;

    private final SendMessageUseCase send;
    private final OptInToIdentityChecksUseCase optIn;
    private final MarkMessageReadUseCase markRead;
    private final ObjectMapper json;
    private final HttpMetrics metrics;

    DropInCloudApiHandler(SendMessageUseCase send, MarkMessageReadUseCase markRead,
                          OptInToIdentityChecksUseCase optIn, ObjectMapper json, HttpMetrics metrics) {
        this.markRead = markRead;
        this.metrics = metrics;
        this.send = send;
        this.optIn = optIn;
        this.json = json;
    }

    /** The two Graph paths trustgate serves in place of WhatsApp's Cloud API. */
    public static List<Route> routes(UseCases u, ObjectMapper json, HttpMetrics metrics) {
        DropInCloudApiHandler dropIn = new DropInCloudApiHandler(u.send(), u.markRead(), u.optIn(), json, metrics);
        return List.of(
                new Route("POST", "/{version}/{pnid}/messages", Access.GRAPH, "drop-in Cloud API send", dropIn::messages)
                        .id("sendGraphMessage").accepting(OpenApi.GRAPH_MESSAGE).answering(OpenApi.GRAPH_SEND_RESULT)
                        .answering(Route.ANY_OTHER_STATUS, "application/json", OpenApi.GRAPH_SEND_RESULT)
                        .refusing(ErrorCode.IDENTITY_CHANGE_UNACKNOWLEDGED, ErrorCode.FORBIDDEN, ErrorCode.NOT_FOUND,
                                ErrorCode.UNSUPPORTED_RECIPIENT, ErrorCode.UNSUPPORTED_MESSAGE_TYPE, ErrorCode.UNSUPPORTED_BY_PROVIDER,
                                ErrorCode.CONFLICT),
                new Route("POST", "/{version}/{pnid}/settings", Access.GRAPH_ADMIN, "drop-in identity-check setting (admin key)",
                        dropIn::settings).id("setGraphIdentityCheck").accepting(OpenApi.GRAPH_SETTINGS)
                        .answering(OpenApi.GRAPH_SUCCESS).refusing(ErrorCode.UNSUPPORTED_BY_PROVIDER, ErrorCode.UPSTREAM_ERROR));
    }

    void messages(Context ctx) throws Exception {
        Caller caller = Requests.caller(ctx);
        try {
            BusinessNumberId from = new BusinessNumberId(ctx.pathParam("pnid"));
            ObjectNode message = object(ctx.body());
            if (readReceipt(message)) {
                MarkMessageReadUseCase.Answer answer = markRead.markRead(new MarkMessageReadUseCase.Command(caller, from,
                        ctx.body()));
                ctx.status(answer.status()).contentType("application/json").result(answer.body());
                return;
            }
            Recipient to = Recipients.of(message, Optional.empty(), Optional.empty());
            boolean sensitive = sensitive(ctx.header("X-Trustgate-Sensitive"));
            // the body as the caller wrote it: read once here for its recipients, never written out again on the way
            Result result = send.send(new SendMessageUseCase.Command(caller, from, to,
                    ctx.body(), sensitive, SendMessageUseCase.OnBlocked.REJECT));
            metrics.send(result);
            result.<Runnable>fold(
                    sent -> () -> ctx.status(sent.status()).contentType("application/json").result(sent.body()),
                    refused -> () -> ctx.status(refused.status()).contentType("application/json").result(refused.body()),
                    blocked -> () -> graphError(ctx, 400, "(#137000) Message blocked by trustgate: "
                            + BlockedSends.detail(blocked), IDENTITY_KEY_MISMATCH, "trustgate blocked this message ("
                            + blocked.reason().code() + "); acknowledge the identity change before sending"),
                    held -> () -> {
                        throw new IllegalStateException("a drop-in send is refused when blocked, never held: " + held);
                    }).run();
        } catch (TrustgateException e) {
            graphError(ctx, Problems.status(e.code()), "(#100) " + e.getMessage(), 100, "trustgate: " + e.code().code());
        } catch (IllegalArgumentException e) {
            graphError(ctx, 400, "(#100) Invalid parameter: " + e.getMessage(), 100, "trustgate: invalid_request");
        }
    }

    /**
     * A mark-as-read call, with or without a typing indicator: {@code "status":"read"} and a {@code message_id},
     * addressed to no one and carrying no message. It passes through ungated.
     */
    private static boolean readReceipt(ObjectNode message) {
        return "read".equals(message.path("status").asText()) && message.path("message_id").isTextual()
                && !message.has("to") && !message.has("recipient") && !message.has("type");
    }

    void settings(Context ctx) {
        Caller caller = Requests.caller(ctx);
        try {
            JsonNode enabled = object(ctx.body()).path("user_identity_change").path("enable_identity_key_check");
            if (!enabled.isBoolean()) {
                throw new IllegalArgumentException("user_identity_change.enable_identity_key_check must be true or false");
            }
            optIn.setIdentityChecks(new OptInToIdentityChecksUseCase.Command(caller,
                    new BusinessNumberId(ctx.pathParam("pnid")), enabled.asBoolean()));
            ctx.status(200).json(Map.of("success", true));
        } catch (TrustgateException e) {
            int graphCode = e.code() == dev.trustgate.application.ErrorCode.FORBIDDEN ? 200 : 100;
            graphError(ctx, Problems.status(e.code()), "(#" + graphCode + ") " + e.getMessage(), graphCode,
                    "trustgate: " + e.code().code());
        } catch (IllegalArgumentException e) {
            graphError(ctx, 400, "(#100) Invalid parameter: " + e.getMessage(), 100, "trustgate: invalid_request");
        }
    }

    /** {@code X-Trustgate-Sensitive}: absent is an ordinary send; anything but true or false is refused, never guessed. */
    private static boolean sensitive(String header) {
        if (header == null || header.isBlank() || header.trim().equalsIgnoreCase("false")) {
            return false;
        }
        if (header.trim().equalsIgnoreCase("true")) {
            return true;
        }
        throw new IllegalArgumentException("X-Trustgate-Sensitive must be true or false");
    }

    private ObjectNode object(String body) {
        try {
            JsonNode node = json.readTree(body);
            if (node instanceof ObjectNode object) {
                return object;
            }
        } catch (JsonProcessingException e) {
            // fall through
        }
        throw new IllegalArgumentException("the body must be a JSON object");
    }

    private void graphError(Context ctx, int status, String message, int code, String details) {
        GraphErrors.write(ctx, json, status, message, code, details);
    }
}
