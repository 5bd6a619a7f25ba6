package com.example.notifications.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * Creates trustgate's tables in the service's database ({@code schema.sql}, idempotent). A product with a
 * migration tool of its own would run the same statements as one of its migrations.
 */
public final class Schema {

    private Schema() {
    }

    public static void create(DataSource database) {
        String script;
        try (InputStream in = Schema.class.getResourceAsStream("schema.sql")) {
            if (in == null) {
                throw new IllegalStateException("schema.sql is missing from the class path");
            }
            script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement()) {
            for (String sql : script.replaceAll("(?m)^--.*$", "").split(";")) {
                if (!sql.isBlank()) {
                    statement.execute(sql);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("creating trustgate's tables failed: " + e.getMessage(), e);
        }
    }
}
