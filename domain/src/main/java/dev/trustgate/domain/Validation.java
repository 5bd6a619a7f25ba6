package dev.trustgate.domain;

import java.util.regex.Pattern;

/** The checks every value object shares, so an invalid value names its field and the rule it broke. */
final class Validation {

    private Validation() {
    }

    static String require(String field, String value, int maxLength, Pattern pattern, String rule) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " must not be blank");
        }
        if (value.length() > maxLength) {
            throw new IllegalArgumentException(field + " must be at most " + maxLength + " characters");
        }
        if (pattern != null && !pattern.matcher(value).matches()) {
            throw new IllegalArgumentException(field + " must be " + rule);
        }
        return value;
    }

    static String optionalText(String field, String value, int maxLength) {
        if (value == null) {
            return null;
        }
        if (value.length() > maxLength) {
            throw new IllegalArgumentException(field + " must be at most " + maxLength + " characters");
        }
        if (value.chars().anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\t')) {
            throw new IllegalArgumentException(field + " must not contain control characters");
        }
        return value;
    }

    static <T> T notNull(String field, T value) {
        if (value == null) {
            throw new IllegalArgumentException(field + " is required");
        }
        return value;
    }
}
