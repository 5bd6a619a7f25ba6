package dev.trustgate.bootstrap;

import java.util.List;

/**
 * Loads, on a second core, the classes trustgate will need once storage is open (JSON, Javalin and Jetty,
 * metrics) while the main thread opens the database. Start-up is mostly class loading, and the two halves do
 * not depend on each other. TLS is not among them: the outgoing HTTP clients load it on their first call, so a
 * start does not wait for it. Failing here costs nothing.
 */
final class Warmup {

    private static final List<String> CLASSES = List.of(
            "io.javalin.Javalin", "io.javalin.config.JavalinConfig", "org.eclipse.jetty.server.Server",
            "org.eclipse.jetty.server.ServerConnector", "org.eclipse.jetty.server.handler.GracefulHandler",
            "org.eclipse.jetty.ee10.servlet.ServletContextHandler", "io.micrometer.prometheusmetrics.PrometheusMeterRegistry",
            "org.jdbi.v3.sqlobject.SqlObjectPlugin");

    private Warmup() {
    }

    static Thread start() {
        Thread thread = new Thread(Warmup::run, "trustgate-warmup");
        thread.setDaemon(true);
        thread.setPriority(Thread.MIN_PRIORITY);
        thread.start();
        return thread;
    }

    private static void run() {
        try {
            new com.fasterxml.jackson.databind.ObjectMapper().findAndRegisterModules()
                    .writeValueAsString(java.util.Map.of("warm", java.time.Instant.EPOCH));
            ClassLoader loader = Warmup.class.getClassLoader();
            for (String name : CLASSES) {
                Class.forName(name, true, loader);
            }
            io.javalin.Javalin.create(config -> config.startup.showJavalinBanner = false);
        } catch (Exception | LinkageError e) {
            // only an optimisation: whatever is not loaded here is loaded when needed
        }
    }
}
