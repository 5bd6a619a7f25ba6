package dev.trustgate.adapters.persistence;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where trustgate keeps its data: an H2 file (the embedded default) or PostgreSQL. H2 URLs get the
 * compatibility settings trustgate needs when they lack them.
 */
public record DatabaseSettings(String url, String user, String password, int maxPoolSize, Duration connectionTimeout) {

    public enum Vendor { H2, POSTGRESQL }

    private static final String[][] H2_SETTINGS = {
            {"MODE", "PostgreSQL"}, {"DATABASE_TO_LOWER", "TRUE"}, {"DEFAULT_NULL_ORDERING", "HIGH"},
            {"DB_CLOSE_ON_EXIT", "FALSE"}, {"LOCK_TIMEOUT", "10000"}};
    private static final Pattern PASSWORD_IN_URL = Pattern.compile("(?i)(password=)[^;&]*");

    public DatabaseSettings {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("database URL must not be blank");
        }
        vendorOf(url);
        if (maxPoolSize < 2) {
            throw new IllegalArgumentException("pool size must be at least 2 (migrations hold a second connection)");
        }
        url = vendorOf(url) == Vendor.H2 ? withH2Settings(url) : url;
    }

    public static DatabaseSettings of(String url, String user, String password) {
        return new DatabaseSettings(url, user, password, 16, Duration.ofSeconds(3));
    }

    public Vendor vendor() {
        return vendorOf(url);
    }

    /** The URL with any password in it replaced, for logs and error messages. */
    public String maskedUrl() {
        Matcher matcher = PASSWORD_IN_URL.matcher(url);
        return matcher.replaceAll("$1***");
    }

    static Vendor vendorOf(String url) {
        String lower = url.toLowerCase(Locale.ROOT);
        if (lower.startsWith("jdbc:h2:")) {
            return Vendor.H2;
        }
        if (lower.startsWith("jdbc:postgresql:")) {
            return Vendor.POSTGRESQL;
        }
        throw new IllegalArgumentException("database URL must start with jdbc:h2: or jdbc:postgresql:");
    }

    static String withH2Settings(String url) {
        StringBuilder result = new StringBuilder(url);
        String upper = url.toUpperCase(Locale.ROOT);
        for (String[] setting : H2_SETTINGS) {
            if (!upper.contains(";" + setting[0] + "=")) {
                result.append(';').append(setting[0]).append('=').append(setting[1]);
            }
        }
        return result.toString();
    }
}
