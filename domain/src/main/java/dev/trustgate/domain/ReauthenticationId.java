package dev.trustgate.domain;

import java.util.regex.Pattern;

/** Identifies one re-authentication attempt. */
public record ReauthenticationId(String value) {

    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]+");

    public ReauthenticationId {
        Validation.require("reauthentication id", value, 64, TOKEN, "letters, digits, _ and -");
    }

    @Override
    public String toString() {
        return value;
    }
}
