package dev.trustgate.domain;

/** A contact as an event names it: its key and the names WhatsApp gave it at that moment. */
public record ContactRef(ContactKey key, ContactNames names) {

    public ContactRef {
        Validation.notNull("key", key);
        Validation.notNull("names", names);
    }

    public BusinessNumberId business() {
        return key.business();
    }

    public ContactId id() {
        return key.id();
    }

    @Override
    public String toString() {
        return key + (names.isEmpty() ? "" : " (" + names + ")");
    }
}
