package dev.trustgate.domain;

import java.util.regex.Pattern;

/** WhatsApp's phone_number_id of a business phone number: the tenant every record belongs to. */
public record BusinessNumberId(String value) {

    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,32}");

    public BusinessNumberId {
        Validation.require("phone_number_id", value, 32, DIGITS, "digits only (1-32)");
    }

    @Override
    public String toString() {
        return value;
    }
}
