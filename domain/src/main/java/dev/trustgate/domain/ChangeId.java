package dev.trustgate.domain;

import java.util.regex.Pattern;

/** Identifies one reported identity change, so a re-authentication is bound to the change it checked. */
public record ChangeId(String value) {

    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]+");

    public ChangeId {
        Validation.require("change id", value, 64, TOKEN, "letters, digits, _ and -");
    }

    @Override
    public String toString() {
        return value;
    }
}
