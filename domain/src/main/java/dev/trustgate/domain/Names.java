package dev.trustgate.domain;

/** Masking shared by the name kinds: a visible prefix, the last four characters, stars between. */
final class Names {

    private Names() {
    }

    static String mask(String value, int visiblePrefix) {
        int hidden = value.length() - visiblePrefix - 4;
        if (hidden <= 0) {
            return value.substring(0, Math.min(visiblePrefix, value.length())) + "*".repeat(Math.max(0, value.length() - visiblePrefix));
        }
        return value.substring(0, visiblePrefix) + "*".repeat(hidden) + value.substring(value.length() - 4);
    }
}
