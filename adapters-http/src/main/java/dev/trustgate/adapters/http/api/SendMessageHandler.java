package dev.trustgate.adapters.http.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trustgate.adapters.http.support.BlockedSends;
import dev.trustgate.adapters.http.support.HttpMetrics;
import dev.trustgate.adapters.http.support.Recipients;
import dev.trustgate.adapters.http.support.Requests;
import dev.trustgate.application.ErrorCode;
import dev.trustgate.application.TrustgateException;
import dev.trustgate.application.port.in.SendMessageUseCase;
import dev.trustgate.application.port.in.SendMessageUseCase.OnBlocked;
import dev.trustgate.application.port.in.SendMessageUseCase.Result;
import dev.trustgate.domain.BusinessNumberId;
import dev.trustgate.domain.IdentityHash;
import dev.trustgate.domain.Recipient;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code POST /v1/messages} {@code {"from","to"|"recipient","sensitive","onBlocked","message":{…}}}: the gated send.
 * 200 {@code {"messageId","pinnedIdentityHash"}}; 409/403 when blocked; 202 {@code {"heldMessageId"}} when held.
 */
final class SendMessageHandler {

    record Body(String from, String to, String recipient, Boolean sensitive, String onBlocked, JsonNode message) {
    }

    private final SendMessageUseCase useCase;
    private final ObjectMapper json;
    private final HttpMetrics metrics;

    SendMessageHandler(SendMessageUseCase useCase, ObjectMapper json, HttpMetrics metrics) {
        this.metrics = metrics;
        this.useCase = useCase;
        this.json = json;
    }

    void handle(Context ctx) throws Exception {
        Body body = Requests.body(ctx, json, Body.class);
        if (body.from() == null) {
            throw new IllegalArgumentException("from is required: the business's phone_number_id");
        }
        if (body.message() == null || !body.message().isObject()) {
            throw new IllegalArgumentException("message is required: a Cloud API message object");
        }
        OnBlocked onBlocked = switch (body.onBlocked() == null ? "reject" : body.onBlocked()) {
            case "reject" -> OnBlocked.REJECT;
            case "hold" -> OnBlocked.HOLD;
            default -> throw new IllegalArgumentException("onBlocked must be reject or hold");
        };
        ObjectNode message = (ObjectNode) body.message();
        BusinessNumberId from = new BusinessNumberId(body.from());
        Recipient to = Recipients.of(message, Optional.ofNullable(body.to()), Optional.ofNullable(body.recipient()));
        Result result = useCase.send(new SendMessageUseCase.Command(Requests.caller(ctx), from, to,
                json.writeValueAsString(message), Boolean.TRUE.equals(body.sensitive()), onBlocked));
        metrics.send(result);
        result.<Runnable>fold(
                sent -> () -> ctx.status(200).json(sentView(sent)),
                refused -> () -> {
                    throw new TrustgateException(ErrorCode.UPSTREAM_ERROR, "WhatsApp refused the message: " + refused.message(),
                            Map.of("upstreamStatus", refused.status()));
                },
                blocked -> () -> {
                    throw new TrustgateException(ErrorCode.of(blocked.reason()), BlockedSends.detail(blocked), Map.of());
                },
                held -> () -> ctx.status(202).json(Map.of("heldMessageId", held.heldMessageId(), "reason", held.reason().code())))
                .run();
    }

    /** {@code {"messageId","pinnedIdentityHash"}} of a message that went out. */
    static Map<String, Object> sentView(Result.Sent sent) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("messageId", sent.messageId());
        answer.put("pinnedIdentityHash", sent.pin().map(IdentityHash::value).orElse(null));
        return answer;
    }
}
