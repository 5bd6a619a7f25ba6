package dev.trustgate.adapters.persistence;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import javax.sql.DataSource;

/**
 * Tells, with one query and without loading Flyway, whether a database already has every migration trustgate
 * ships, each applied successfully from a script with the same checksum Flyway recorded. Then there is nothing
 * for Flyway to do, and a start skips its half-second of class loading and scanning. Anything else — no history
 * yet, a migration missing, failed or changed, a version newer than this trustgate's — is left to Flyway, which
 * migrates, validates or refuses as before.
 */
final class SchemaCheck {

    private static final Pattern VERSIONED = Pattern.compile("V([0-9]+(?:[._][0-9]+)*)__.+\\.sql");

    private SchemaCheck() {
    }

    /** A migration script: its version (as Flyway writes it, dots between parts) and Flyway's checksum of it. */
    record Script(String version, String name, int checksum) {
    }

    /** True when the database at {@code dataSource} has exactly what the scripts at {@code locations} would give it. */
    static boolean isCurrent(DataSource dataSource, String... locations) {
        try {
            List<Script> shipped = new ArrayList<>();
            for (String location : locations) {
                shipped.addAll(scripts(location));
            }
            if (shipped.isEmpty()) {
                return false;
            }
            Map<String, Applied> applied = applied(dataSource);
            List<Long> newestShipped = shipped.stream().map(s -> parts(s.version())).max(SchemaCheck::compare).orElseThrow();
            for (Script script : shipped) {
                Applied row = applied.get(script.version());
                if (row == null || !row.success() || row.checksum() == null || row.checksum() != script.checksum()
                        || !script.name().equals(row.script())) {
                    return false;
                }
            }
            // a failed row, or a version newer than the newest shipped (a newer trustgate's), is Flyway's to judge
            return applied.values().stream().allMatch(row -> row.success() && compare(parts(row.version()), newestShipped) <= 0);
        } catch (SQLException | RuntimeException e) {
            return false; // no history table yet, or anything unexpected: Flyway decides
        }
    }

    private record Applied(String version, String script, Integer checksum, boolean success) {
    }

    private static Map<String, Applied> applied(DataSource dataSource) throws SQLException {
        Map<String, Applied> applied = new HashMap<>();
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(
                     "SELECT \"version\", \"script\", \"checksum\", \"success\" FROM \"flyway_schema_history\"")) {
            while (rows.next()) {
                String version = rows.getString(1);
                int checksum = rows.getInt(3);
                Integer recorded = rows.wasNull() ? null : checksum;
                Applied row = new Applied(version, rows.getString(2), recorded, rows.getBoolean(4));
                if (version == null) {
                    if (!row.success()) {
                        return Map.of(); // a failed repeatable migration: Flyway's to report
                    }
                    continue; // the schema-creation marker and other unversioned rows
                }
                applied.put(version, row);
            }
        }
        return applied;
    }

    /** The versioned scripts at a {@code classpath:} location, from a directory or from inside the jar. */
    static List<Script> scripts(String location) {
        String path = location.replaceFirst("^classpath:", "").replaceAll("^/+|/+$", "");
        ClassLoader loader = SchemaCheck.class.getClassLoader();
        List<Script> scripts = new ArrayList<>();
        try {
            Enumeration<URL> found = loader.getResources(path);
            while (found.hasMoreElements()) {
                URL url = found.nextElement();
                for (String name : names(url, path)) {
                    Matcher versioned = VERSIONED.matcher(name);
                    if (versioned.matches()) {
                        try (InputStream in = loader.getResourceAsStream(path + "/" + name)) {
                            scripts.add(new Script(versioned.group(1).replace('_', '.'), name, checksum(in)));
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return scripts;
    }

    private static List<String> names(URL url, String path) throws IOException {
        if ("jar".equals(url.getProtocol())) {
            JarURLConnection connection = (JarURLConnection) url.openConnection();
            connection.setUseCaches(false);
            try (JarFile jar = connection.getJarFile()) {
                String prefix = path + "/";
                return jar.stream().map(JarEntry::getName)
                        .filter(name -> name.startsWith(prefix) && name.indexOf('/', prefix.length()) < 0)
                        .map(name -> name.substring(prefix.length())).filter(name -> !name.isEmpty()).toList();
            }
        }
        if ("file".equals(url.getProtocol())) {
            try (Stream<Path> files = Files.list(Path.of(url.toURI()))) {
                return files.map(Path::getFileName).map(Path::toString).toList();
            } catch (URISyntaxException e) {
                throw new IOException(e);
            }
        }
        throw new IOException("cannot list " + url);
    }

    /** Flyway's checksum of a script: CRC-32 of its lines' UTF-8 bytes without line breaks, a leading BOM dropped. */
    static int checksum(InputStream in) throws IOException {
        CRC32 crc = new CRC32();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 4096)) {
            String line = reader.readLine();
            if (line != null) {
                line = line.startsWith("\uFEFF") ? line.substring(1) : line;
                do {
                    crc.update(line.getBytes(StandardCharsets.UTF_8));
                } while ((line = reader.readLine()) != null);
            }
        }
        return (int) crc.getValue();
    }

    private static List<Long> parts(String version) {
        return Arrays.stream(version.split("[._]")).map(Long::parseLong).toList();
    }

    private static int compare(List<Long> a, List<Long> b) {
        for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
            int c = Long.compare(i < a.size() ? a.get(i) : 0, i < b.size() ? b.get(i) : 0);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }
}
