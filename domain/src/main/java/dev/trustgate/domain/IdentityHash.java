package dev.trustgate.domain;

import java.util.regex.Pattern;

/** WhatsApp's opaque identity key hash of a customer (base64 text). Equal hashes mean the same identity. */
public record IdentityHash(String value) {

    private static final Pattern BASE64 = Pattern.compile("[A-Za-z0-9+/_-]+={0,2}");

    public IdentityHash {
        Validation.require("identity_key_hash", value, 128, BASE64, "base64 text (A-Z a-z 0-9 + / - _ and = padding)");
    }

    /** The first eight characters, enough for a person to compare two hashes on a screen. */
    public String shortForm() {
        return value.length() <= 8 ? value : value.substring(0, 8) + "…";
    }

    @Override
    public String toString() {
        return value;
    }
}
