package dev.trustgate.adapters.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trustgate.application.ErrorCode;
import dev.trustgate.application.TrustgateException;
import dev.trustgate.domain.WaId;
import java.util.Map;

/**
 * Who a Cloud API message body addresses. The gate can only vouch for an identity it can name, so the
 * recipient must be one individual's phone number; business-scoped user ids and groups are refused.
 */
final class Recipients {

    private Recipients() {
    }

    /** The canonical wa_id the body addresses; the body's {@code to} is rewritten to it. */
    static WaId individual(ObjectNode message, String to) {
        if (message.has("recipient") || message.has("group_id")) {
            throw unsupported("this message addresses a business-scoped user id or a group");
        }
        JsonNode type = message.get("recipient_type");
        if (type != null && !"individual".equals(type.asText())) {
            throw unsupported("recipient_type must be individual");
        }
        String target = to != null ? to : message.path("to").asText(null);
        if (target == null) {
            throw new IllegalArgumentException("to is required: the customer's phone number");
        }
        WaId waId;
        try {
            waId = WaId.canonical(target);
        } catch (IllegalArgumentException e) {
            throw unsupported("to must be a phone number (wa_id): " + e.getMessage());
        }
        JsonNode inner = message.get("to");
        if (to != null && inner != null && !inner.isNull() && !canonicalEquals(inner.asText(), waId)) {
            throw new IllegalArgumentException("message.to and to name different customers");
        }
        message.put("to", waId.value());
        if (!message.has("messaging_product")) {
            message.put("messaging_product", "whatsapp");
        }
        return waId;
    }

    private static boolean canonicalEquals(String raw, WaId waId) {
        try {
            return WaId.canonical(raw).equals(waId);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static TrustgateException unsupported(String detail) {
        return new TrustgateException(ErrorCode.UNSUPPORTED_RECIPIENT, detail, Map.of());
    }
}
