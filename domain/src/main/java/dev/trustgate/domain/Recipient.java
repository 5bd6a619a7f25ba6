package dev.trustgate.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Whom a message is addressed to, as the Cloud API allows: a phone number ({@code to}), a user id or
 * parent user id ({@code recipient}), or both (WhatsApp then delivers to {@code to}). The gate decides
 * on every contact any of these names, or an alias of the number, belongs to.
 */
public record Recipient(Optional<WaId> to, Optional<CustomerName> recipient) {

    public Recipient {
        Validation.notNull("to", to);
        Validation.notNull("recipient", recipient);
        if (to.isEmpty() && recipient.isEmpty()) {
            throw new IllegalArgumentException("a message needs to (the customer's phone number) or recipient (their user id)");
        }
        if (recipient.isPresent() && recipient.get() instanceof WaId) {
            throw new IllegalArgumentException("recipient must be a user id or parent user id; a phone number goes in to");
        }
    }

    public static Recipient of(WaId to) {
        return new Recipient(Optional.of(to), Optional.empty());
    }

    public static Recipient of(CustomerName name) {
        return name instanceof WaId waId ? of(waId) : new Recipient(Optional.empty(), Optional.of(name));
    }

    /** The name WhatsApp delivers to: {@code to} when given, else {@code recipient}. */
    public CustomerName addressed() {
        return to.<CustomerName>map(w -> w).orElseGet(recipient::get);
    }

    /** Every name the gate must look at: {@code to} and its aliases, then {@code recipient}. */
    public List<CustomerName> candidates() {
        List<CustomerName> names = new ArrayList<>();
        to.ifPresent(w -> names.addAll(PhoneAliases.of(w)));
        recipient.ifPresent(names::add);
        return List.copyOf(names);
    }

    @Override
    public String toString() {
        return to.map(WaId::masked).orElse("") + recipient.map(r -> (to.isPresent() ? "/" : "") + r.masked()).orElse("");
    }
}
