package dev.trustgate.domain;

import java.util.regex.Pattern;

/** A customer's WhatsApp id: the phone number in international form, digits only. */
public record WaId(String value) implements CustomerName {

    private static final Pattern DIGITS = Pattern.compile("[0-9]{5,20}");
    private static final Pattern DECORATION = Pattern.compile("[+\\s\\-().]");
    private static final Pattern DECORATED = Pattern.compile("\\+?[0-9\\s\\-().]+");

    public WaId {
        Validation.require("wa_id", value, 20, DIGITS, "digits only, 5-20 of them");
    }

    /**
     * Reads a phone number as people write it ({@code +1 (650) 555-1234}, {@code 0044 20 7946 0958}): the
     * decoration ({@code +}, spaces, dashes, dots, brackets, a leading international {@code 00}) is dropped.
     * The number is matched against known names, never rewritten into another one.
     *
     * @param field the request field the number came from, named in the error
     */
    public static WaId canonical(String raw, String field) {
        Validation.require(field, raw, 40, null, "");
        if (!DECORATED.matcher(raw.strip()).matches()) {
            throw new IllegalArgumentException(field + " must be a phone number in international form, such as +16505551234 "
                    + "(digits, optionally written with +, spaces, dashes, dots or brackets)");
        }
        String digits = DECORATION.matcher(raw).replaceAll("");
        if (digits.startsWith("00") && !raw.strip().startsWith("+")) {
            digits = digits.substring(2);
        }
        if (digits.length() < 5 || digits.length() > 20) {
            throw new IllegalArgumentException(field + " must be a phone number in international form with 5 to 20 digits, "
                    + "country code first (" + digits.length() + (digits.length() == 1 ? " digit" : " digits") + " given)");
        }
        return new WaId(digits);
    }

    @Override
    public NameKind kind() {
        return NameKind.WA_ID;
    }

    /** The number with all but its last four digits hidden, for logs and screens. */
    @Override
    public String masked() {
        return "*".repeat(value.length() - 4) + value.substring(value.length() - 4);
    }

    @Override
    public String toString() {
        return masked();
    }
}
