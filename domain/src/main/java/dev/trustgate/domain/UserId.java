package dev.trustgate.domain;

import java.util.regex.Pattern;

/**
 * A business-scoped user id (BSUID): a two-letter country code, a dot and up to 128 letters and digits,
 * e.g. {@code US.13491208655302741918}. Case-sensitive and never normalised; WhatsApp makes a new one
 * when the user changes their number.
 */
public record UserId(String value) implements CustomerName {

    static final Pattern SYNTAX = Pattern.compile("[A-Z]{2}\\.[A-Za-z0-9]{1,128}");

    public UserId {
        Validation.require("user_id", value, 131, SYNTAX, "a business-scoped user id: country code, '.', letters and digits");
    }

    @Override
    public NameKind kind() {
        return NameKind.USER_ID;
    }

    @Override
    public String masked() {
        return Names.mask(value, 3);
    }

    @Override
    public String toString() {
        return masked();
    }
}
