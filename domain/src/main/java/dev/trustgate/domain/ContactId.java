package dev.trustgate.domain;

import java.util.regex.Pattern;

/**
 * trustgate's own, stable id of a contact: one WhatsApp user of one business number, whatever names
 * WhatsApp gives that user over time. Never derived from a phone number, so it is safe to log and show.
 */
public record ContactId(String value) implements ContactHandle {

    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]+");

    public ContactId {
        Validation.require("contact id", value, 64, TOKEN, "letters, digits, _ and -");
    }

    @Override
    public String toString() {
        return value;
    }
}
