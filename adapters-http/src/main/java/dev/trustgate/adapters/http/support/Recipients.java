package dev.trustgate.adapters.http.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trustgate.application.ErrorCode;
import dev.trustgate.application.TrustgateException;
import dev.trustgate.domain.CustomerName;
import dev.trustgate.domain.ParentUserId;
import dev.trustgate.domain.Recipient;
import dev.trustgate.domain.UserId;
import dev.trustgate.domain.WaId;
import java.util.Map;
import java.util.Optional;

/**
 * Whom a Cloud API message body addresses: a phone number ({@code to}), a user id or parent user id
 * ({@code recipient}), or both. The numbers are read to be matched against the customer's names, never
 * rewritten: the body goes to WhatsApp as the business wrote it. The gate can only vouch for individuals,
 * so group sends are refused.
 */
public final class Recipients {

    private Recipients() {
    }

    /**
     * The recipient {@code message} addresses. {@code to} and {@code recipient} of trustgate's own send
     * request, when given, must name the same customer as the body (or fill in what it lacks).
     */
    public static Recipient of(ObjectNode message, Optional<String> to, Optional<String> recipient) {
        JsonNode type = message.get("recipient_type");
        if (message.has("group_id") || (type != null && "group".equals(type.asText()))) {
            throw unsupported("group sends are not gated: trustgate can vouch only for one customer's identity");
        }
        if (type != null && !"individual".equals(type.asText())) {
            throw unsupported("recipient_type must be individual");
        }
        Optional<String> bodyTo = text(message, "to");
        Optional<String> bodyRecipient = text(message, "recipient");
        Optional<WaId> phone = same("to", to.map(t -> number(t)), bodyTo.map(t -> number(t)));
        Optional<CustomerName> userId = same("recipient", recipient.map(Recipients::userId), bodyRecipient.map(Recipients::userId));
        if (phone.isEmpty() && userId.isEmpty()) {
            throw new IllegalArgumentException("to (the customer's phone number) or recipient (their user id) is required");
        }
        if (to.isPresent() && bodyTo.isEmpty()) {
            message.put("to", to.get());
        }
        if (recipient.isPresent() && bodyRecipient.isEmpty()) {
            message.put("recipient", recipient.get());
        }
        if (!message.has("messaging_product")) {
            message.put("messaging_product", "whatsapp");
        }
        return new Recipient(phone, userId);
    }

    private static <T> Optional<T> same(String field, Optional<T> outer, Optional<T> inner) {
        if (outer.isPresent() && inner.isPresent() && !outer.equals(inner)) {
            throw new IllegalArgumentException("message." + field + " and " + field + " name different customers");
        }
        return outer.or(() -> inner);
    }

    /** The phone number {@code to} names; anything else there (a group id, a username) is not a customer the gate can name. */
    private static WaId number(String text) {
        if (text.chars().anyMatch(Character::isLetter)) {
            throw unsupported("to must be a customer's phone number: trustgate gates messages to one customer it can name "
                    + "(a group, or a username, is not one); address a username customer by recipient (their user id)");
        }
        return WaId.canonical(text, "to");
    }

    private static CustomerName userId(String text) {
        try {
            return text.contains(".ENT.") ? new ParentUserId(text) : new UserId(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("recipient must be a business-scoped user id such as US.13491208655302741918 "
                    + "(or a parent user id such as US.ENT.11815799212886844830)");
        }
    }

    private static Optional<String> text(ObjectNode message, String field) {
        JsonNode node = message.get(field);
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isTextual()) {
            throw new IllegalArgumentException("message." + field + " must be a string");
        }
        return Optional.of(node.asText());
    }

    private static TrustgateException unsupported(String detail) {
        return new TrustgateException(ErrorCode.UNSUPPORTED_RECIPIENT, detail, Map.of());
    }
}
