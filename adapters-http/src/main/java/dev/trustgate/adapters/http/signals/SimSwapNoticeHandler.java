package dev.trustgate.adapters.http.signals;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trustgate.application.ErrorCode;
import dev.trustgate.adapters.http.support.OpenApi;
import dev.trustgate.adapters.http.support.Route;
import dev.trustgate.adapters.http.support.Route.Access;
import dev.trustgate.application.port.in.RecordSimSwapNoticeUseCase;
import dev.trustgate.application.port.in.RecordSimSwapNoticeUseCase.Kind;
import dev.trustgate.application.port.in.RecordSimSwapNoticeUseCase.Notice;
import dev.trustgate.domain.WaId;
import io.javalin.http.Context;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /signals/camara/sim-swap}: a mobile operator's notices for the SIM-swap subscriptions trustgate holds
 * (CAMARA SIM Swap Subscriptions), CloudEvents 1.0 in structured JSON. The route's access has checked the sink
 * credential and the size before this runs. A {@code swapped} notice is applied by the business number's SIM-swap
 * policy, a lifecycle notice recorded; each once by its source and id. Answered 204 only after the commit; a notice
 * that is not one of these is refused 400 and changes nothing.
 */
public final class SimSwapNoticeHandler {

    private static final Logger LOG = LoggerFactory.getLogger(SimSwapNoticeHandler.class);
    private static final String PREFIX = "org.camaraproject.sim-swap-subscriptions.v0.";
    /** The event types, as the specification names them (its enum also spells two lifecycle types {@code api-name}). */
    private static final Map<String, Kind> TYPES = Map.of(
            PREFIX + "swapped", Kind.SWAPPED,
            PREFIX + "subscription-started", Kind.SUBSCRIPTION_STARTED,
            PREFIX + "subscription-updated", Kind.SUBSCRIPTION_UPDATED,
            PREFIX + "subscription-ended", Kind.SUBSCRIPTION_ENDED,
            "org.camaraproject.api-name.v0.subscription-started", Kind.SUBSCRIPTION_STARTED,
            "org.camaraproject.api-name.v0.subscription-updated", Kind.SUBSCRIPTION_UPDATED);
    /** CAMARA's PhoneNumber: E.164 with its plus. */
    private static final Pattern PHONE_NUMBER = Pattern.compile("\\+[1-9][0-9]{4,14}");

    private final RecordSimSwapNoticeUseCase useCase;
    private final ObjectMapper json;

    SimSwapNoticeHandler(RecordSimSwapNoticeUseCase useCase, ObjectMapper json) {
        this.useCase = useCase;
        this.json = json;
    }

    /** The intake's route. */
    public static List<Route> routes(RecordSimSwapNoticeUseCase useCase, ObjectMapper json) {
        SimSwapNoticeHandler handler = new SimSwapNoticeHandler(useCase, json);
        return List.of(new Route("POST", "/signals/camara/sim-swap", Access.SIM_SWAP_SINK_CREDENTIAL,
                "a mobile operator's SIM-swap notice (CAMARA SIM Swap Subscriptions, CloudEvents 1.0 structured JSON)",
                handler::handle).id("receiveSimSwapNotice")
                .accepting(OpenApi.SIM_SWAP_NOTICE, "application/cloudevents+json", "application/json")
                .answering(204, null).refusing(ErrorCode.NOT_FOUND));
    }

    void handle(Context ctx) {
        Notice notice = parse(ctx.bodyAsBytes());
        RecordSimSwapNoticeUseCase.Outcome outcome = useCase.record(notice);
        LOG.info("SIM-swap notice {} of subscription {}: {}", notice.kind(), notice.subscriptionId(), outcome);
        ctx.status(204);
    }

    /** The notice the body is, or an {@link IllegalArgumentException} saying what is wrong with it (answered 400). */
    Notice parse(byte[] body) {
        JsonNode event;
        try {
            event = json.readTree(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the body is not JSON: a CloudEvent in structured mode "
                    + "(Content-Type: application/cloudevents+json) is expected");
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("the body could not be read");
        }
        if (event == null || !event.isObject()) {
            throw new IllegalArgumentException("the body must be a CloudEvent: a JSON object");
        }
        if (!"1.0".equals(text(event, "specversion", true))) {
            throw new IllegalArgumentException("specversion must be \"1.0\" (CloudEvents 1.0, structured mode)");
        }
        String type = text(event, "type", true);
        Kind kind = Optional.ofNullable(TYPES.get(type)).orElseThrow(() -> new IllegalArgumentException(
                "type " + type + " is not a SIM-swap notice; expected " + PREFIX + "swapped or a subscription lifecycle type"));
        String id = text(event, "id", true);
        String source = text(event, "source", true);
        Instant time = time(text(event, "time", true));
        JsonNode data = event.get("data");
        if (data == null || !data.isObject()) {
            throw new IllegalArgumentException("data must be a JSON object naming the subscriptionId");
        }
        String subscriptionId = text(data, "subscriptionId", true);
        Optional<WaId> number = Optional.ofNullable(text(data, "phoneNumber", false)).map(SimSwapNoticeHandler::phoneNumber);
        Optional<String> reason = Optional.ofNullable(text(data, kind == Kind.SUBSCRIPTION_UPDATED ? "updateReason" : "terminationReason",
                false));
        return new Notice(source, id, kind, type, time, subscriptionId, number,
                kind == Kind.SUBSCRIPTION_UPDATED || kind == Kind.SUBSCRIPTION_ENDED ? reason : Optional.empty());
    }

    /** The text of {@code field} ({@code data.} fields named so in errors), null when absent and not required. */
    private static String text(JsonNode node, String field, boolean required) {
        String name = node.has("specversion") ? field : "data." + field;
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                throw new IllegalArgumentException(name + " is required");
            }
            return null;
        }
        if (!value.isTextual() || value.asText().isEmpty()) {
            throw new IllegalArgumentException(name + " must be a non-empty string");
        }
        return value.asText();
    }

    /** RFC 3339's date-time: a four-digit year, unsigned (java.time alone also takes signed years past 9999). */
    private static final Pattern RFC_3339_YEAR = Pattern.compile("[0-9]{4}-.*");

    private static Instant time(String text) {
        try {
            if (!RFC_3339_YEAR.matcher(text).matches()) {
                throw new DateTimeParseException("not RFC 3339", text, 0);
            }
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("time must be an RFC 3339 timestamp with its time zone, such as 2023-01-18T13:18:23.682Z");
        }
    }

    private static WaId phoneNumber(String text) {
        if (!PHONE_NUMBER.matcher(text).matches()) {
            throw new IllegalArgumentException("data.phoneNumber must be an E.164 number with its plus, such as +123456789");
        }
        return new WaId(text.substring(1));
    }
}
