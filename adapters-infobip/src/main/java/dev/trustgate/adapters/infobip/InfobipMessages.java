package dev.trustgate.adapters.infobip;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import java.util.Set;

/**
 * Cloud API message bodies in Infobip's words. Infobip has an endpoint per message type; trustgate carries the
 * two every business needs: text ({@code POST /whatsapp/1/message/text},
 * {@code {"from","to","content":{"text","previewUrl"}}}) and templates whose parameters are body texts
 * ({@code POST /whatsapp/1/message/template}, {@code {"messages":[{"from","to","content":{"templateName",
 * "templateData":{"body":{"placeholders":[…]}},"language"}}]}}). Anything else is named, so the send is refused
 * with {@code unsupported_message_type} before the gate decides.
 */
final class InfobipMessages {

    /** The Cloud API message types Infobip carries through trustgate. */
    static final Set<String> TYPES = Set.of("text", "template");

    /** An Infobip request: the path it is posted to and its body. */
    record Request(String path, String body, boolean bulk) {
    }

    private final ObjectMapper json;

    InfobipMessages(ObjectMapper json) {
        this.json = json;
    }

    /** The Cloud API type of {@code message}: its {@code "type"}, or {@code text} when it has none (the Cloud API's default). */
    static String type(JsonNode message) {
        return message.path("type").isTextual() ? message.get("type").asText() : "text";
    }

    /** What of {@code message} Infobip cannot carry, named as the caller wrote it; empty when it can carry all of it. */
    Optional<String> unsupported(JsonNode message) {
        String type = type(message);
        if (!TYPES.contains(type)) {
            return Optional.of(type);
        }
        if (type.equals("text")) {
            return message.path("text").path("body").isTextual() ? Optional.empty() : Optional.of("text without text.body");
        }
        JsonNode template = message.path("template");
        if (!template.path("name").isTextual() || !template.path("language").path("code").isTextual()) {
            return Optional.of("template without name and language.code");
        }
        for (JsonNode component : template.path("components")) {
            String kind = component.path("type").asText("");
            if (!kind.equals("body")) {
                return Optional.of("template with a " + (kind.isEmpty() ? "component without a type" : kind + " component"));
            }
            for (JsonNode parameter : component.path("parameters")) {
                if (!"text".equals(parameter.path("type").asText()) || !parameter.path("text").isTextual()) {
                    return Optional.of("template with a body parameter of type " + parameter.path("type").asText("(none)"));
                }
            }
        }
        return Optional.empty();
    }

    /** {@code message} (one {@link #unsupported} accepts) from {@code sender} to {@code to}, in Infobip's shape. */
    Request translate(String sender, String to, JsonNode message) {
        if (type(message).equals("text")) {
            ObjectNode body = json.createObjectNode().put("from", sender).put("to", to);
            ObjectNode content = body.putObject("content").put("text", message.path("text").path("body").asText());
            if (message.path("text").path("preview_url").isBoolean()) {
                content.put("previewUrl", message.path("text").path("preview_url").asBoolean());
            }
            return new Request("/whatsapp/1/message/text", body.toString(), false);
        }
        JsonNode template = message.path("template");
        ObjectNode request = json.createObjectNode();
        ObjectNode single = request.putArray("messages").addObject().put("from", sender).put("to", to);
        ObjectNode content = single.putObject("content").put("templateName", template.path("name").asText());
        ArrayNode placeholders = content.putObject("templateData").putObject("body").putArray("placeholders");
        for (JsonNode component : template.path("components")) {
            component.path("parameters").forEach(parameter -> placeholders.add(parameter.path("text").asText()));
        }
        content.put("language", template.path("language").path("code").asText());
        return new Request("/whatsapp/1/message/template", request.toString(), true);
    }
}
