package dev.trustgate.application;

/** Checks shared by the command records, so each rejects bad input with a message naming the field. */
public final class Requests {

    /** How many items a page holds when the caller does not say. */
    public static final int DEFAULT_LIMIT = 100;
    /** The most items one page holds. */
    public static final int MAX_LIMIT = 1000;

    private Requests() {
    }

    public static <T> T required(String field, T value) {
        if (value == null) {
            throw new IllegalArgumentException(field + " is required");
        }
        return value;
    }

    public static String text(String field, String value, int maxLength) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " must not be blank");
        }
        if (value.length() > maxLength) {
            throw new IllegalArgumentException(field + " must be at most " + maxLength + " characters");
        }
        return value;
    }

    /** The page size a caller asked for ({@code null}: none), as a query takes it: the default, or clamped to the most. */
    public static int limit(Integer requested) {
        if (requested == null) {
            return DEFAULT_LIMIT;
        }
        if (requested < 1) {
            throw new IllegalArgumentException("limit must be at least 1");
        }
        return Math.min(requested, MAX_LIMIT);
    }

    /** A query's page size, which {@link #limit} gives: between 1 and {@link #MAX_LIMIT}. */
    public static int pageLimit(int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT);
        }
        return limit;
    }
}
