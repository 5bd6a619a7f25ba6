package dev.trustgate.adapters.whatsapp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trustgate.application.port.out.GraphError;
import dev.trustgate.domain.ContactNames;
import dev.trustgate.domain.CustomerName;
import java.util.Optional;

/** Reads WhatsApp's answers: message ids of accepted sends, and Graph errors. */
final class GraphResponses {

    private GraphResponses() {
    }

    static Optional<JsonNode> parse(ObjectMapper json, String body) {
        try {
            JsonNode node = json.readTree(body);
            return node != null && node.isObject() ? Optional.of(node) : Optional.empty();
        } catch (java.io.IOException e) {
            return Optional.empty();
        }
    }

    /** {@code messages[0].id} of a send response. */
    static Optional<String> messageId(ObjectMapper json, String body) {
        return parse(json, body).map(n -> n.path("messages").path(0).path("id"))
                .filter(JsonNode::isTextual).map(JsonNode::asText).filter(id -> !id.isBlank());
    }

    /**
     * The names WhatsApp's answer gives the addressee: {@code contacts[0].wa_id} and {@code contacts[0].user_id}
     * (WhatsApp's own spelling of the number, the user id it delivered to). Names it cannot read are left out.
     */
    static ContactNames addressee(ObjectMapper json, String body) {
        JsonNode contact = parse(json, body).map(n -> n.path("contacts").path(0)).orElse(null);
        if (contact == null || !contact.isObject()) {
            return ContactNames.NONE;
        }
        ContactNames names = ContactNames.NONE;
        for (String field : new String[] {"wa_id", "user_id"}) {
            JsonNode value = contact.path(field);
            if (value.isTextual()) {
                try {
                    names = names.with(CustomerName.parse(value.asText()));
                } catch (IllegalArgumentException e) {
                    // not a name trustgate can use: the message id is what matters here
                }
            }
        }
        return names;
    }

    /**
     * The {@code error} object of a Graph error response, if the body is one; 360dialog's own refusals
     * ({@code {"error":"…"}}, or {@code {"meta":{"developer_message":"…"}}}) are read as Graph errors of code 0.
     */
    static Optional<GraphError> error(ObjectMapper json, String body) {
        Optional<JsonNode> parsed = parse(json, body);
        Optional<GraphError> graph = parsed.map(n -> n.path("error")).filter(JsonNode::isObject).map(e -> new GraphError(
                e.path("code").asInt(0), e.path("type").asText(""), e.path("message").asText(""),
                e.path("error_data").path("details").asText(""), e.path("fbtrace_id").asText("")));
        if (graph.isPresent()) {
            return graph;
        }
        return parsed.flatMap(n -> n.path("error").isTextual() ? Optional.of(n.path("error").asText())
                        : n.path("meta").path("developer_message").isTextual() ? Optional.of(n.path("meta").path("developer_message").asText())
                        : Optional.empty())
                .map(message -> new GraphError(0, "360dialog", message, message, ""));
    }
}
