package dev.trustgate.adapters.persistence;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where trustgate keeps its data: an H2 file (the embedded default) or PostgreSQL. H2 URLs get the
 * compatibility and durability settings trustgate needs when they lack them.
 */
public record DatabaseSettings(String url, String user, String password, int maxPoolSize, Duration connectionTimeout) {

    public enum Vendor { H2, POSTGRESQL }

    private static final String[][] H2_SETTINGS = {
            // one schema and one set of SQL statements for both databases (H2's advice for PostgreSQL
            // compatibility): PostgreSQL syntax, unquoted names in lower case, NULLs sorted last ascending
            {"MODE", "PostgreSQL"},
            {"DATABASE_TO_LOWER", "TRUE"},
            {"DEFAULT_NULL_ORDERING", "HIGH"},
            // trustgate closes the database itself at the end of its graceful stop; H2's own shutdown hook
            // would close it under requests still being answered
            {"DB_CLOSE_ON_EXIT", "FALSE"},
            // a transaction waiting for a row lock (a business's event chain head under load) waits up to 10 s,
            // as it would wait on PostgreSQL, instead of failing after H2's default 1 s
            {"LOCK_TIMEOUT", "10000"},
            // H2 keeps the parsed form of the last statements each connection ran, 8 by default; one gated send
            // or webhook runs more distinct statements than that, so each was parsed again on every call
            // (about a tenth of a send's CPU time in the profiles, docs/benchmarks.md)
            {"QUERY_CACHE_SIZE", "64"},
            // "200 only after a durable commit". By default H2 (MVStore) keeps committed changes in memory and
            // a background thread writes them to the file up to WRITE_DELAY (500 ms) later: a SIGKILL in that
            // window loses transactions whose commit had returned. With 0, every commit that changed data
            // writes its chunk to the file (MVStore.commit, called from TransactionStore.endTransaction)
            // before it returns. That is a write to the operating system, not an fsync: it survives the
            // process dying (kill -9, OOM killer, JVM crash), not an operating-system crash or power loss —
            // H2 has no per-commit fsync; PostgreSQL with its default synchronous_commit=on covers those.
            {"WRITE_DELAY", "0"}};
    private static final Pattern PASSWORD_IN_URL = Pattern.compile("(?i)(password=)[^;&]*");
    /** A file-system prefix such as {@code nio:} or {@code split:}, or a remote or in-memory URL (not a drive letter). */
    private static final Pattern H2_PREFIX = Pattern.compile("^[A-Za-z][A-Za-z0-9]+:.*");
    private static final Pattern H2_NOT_A_PLAIN_FILE = Pattern.compile("(?i).*;(CIPHER=[^;]*|ACCESS_MODE_DATA=r)(;.*|$)");

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

    /**
     * The file of an H2 database on the local file system ({@code jdbc:h2:file:./data/trustgate} is
     * {@code ./data/trustgate.mv.db}); empty for PostgreSQL, in-memory, remote, encrypted, read-only and
     * other file-system-prefixed H2 URLs.
     */
    public Optional<Path> h2File() {
        if (vendor() != Vendor.H2) {
            return Optional.empty();
        }
        String name = url.substring("jdbc:h2:".length()).split(";", 2)[0];
        if (name.regionMatches(true, 0, "file:", 0, "file:".length())) {
            name = name.substring("file:".length());
        }
        if (name.isEmpty() || H2_PREFIX.matcher(name).matches() || H2_NOT_A_PLAIN_FILE.matcher(url).matches()) {
            return Optional.empty();
        }
        if (name.startsWith("~")) {
            name = System.getProperty("user.home") + name.substring(1);
        }
        return Optional.of(Path.of(name + ".mv.db"));
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
