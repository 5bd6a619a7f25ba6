package dev.trustgate.domain;

import java.util.regex.Pattern;

/** A customer's WhatsApp id: the phone number in international form, digits only. */
public record WaId(String value) {

    private static final Pattern DIGITS = Pattern.compile("[0-9]{5,20}");
    private static final Pattern DECORATION = Pattern.compile("[+\\s\\-().]");

    public WaId {
        Validation.require("wa_id", value, 20, DIGITS, "digits only, 5-20 of them");
    }

    /** Canonicalises a recipient as people write it ({@code +1 (650) 555-1234}) to a wa_id. */
    public static WaId canonical(String raw) {
        Validation.require("to", raw, 40, null, "");
        String digits = DECORATION.matcher(raw).replaceAll("");
        if (!DIGITS.matcher(digits).matches()) {
            throw new IllegalArgumentException("to must be a phone number: digits, optionally with +, spaces, dashes or brackets");
        }
        return new WaId(digits);
    }

    /** The number with all but its last four digits hidden, for logs and screens. */
    public String masked() {
        return "*".repeat(value.length() - 4) + value.substring(value.length() - 4);
    }

    @Override
    public String toString() {
        return masked();
    }
}
