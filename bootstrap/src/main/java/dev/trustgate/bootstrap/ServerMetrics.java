package dev.trustgate.bootstrap;

import com.zaxxer.hikari.metrics.MetricsTrackerFactory;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import dev.trustgate.adapters.persistence.JdbiStatistics;
import dev.trustgate.application.service.CircuitBreakingGateway;
import dev.trustgate.application.port.out.WhatsAppGateway;
import io.javalin.Javalin;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.jetty.JettyConnectionMetrics;
import io.micrometer.core.instrument.binder.jetty.JettyServerThreadPoolMetrics;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmHeapPressureMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The one Prometheus registry {@code /metrics} serves, and everything in it beyond the HTTP adapter's own figures: the
 * JVM and the process (Micrometer's binders), the connection pool (HikariCP's Micrometer tracker), Jetty's thread pool
 * and connections, readiness, the circuit in front of WhatsApp, and trustgate's domain counts.
 */
final class ServerMetrics implements AutoCloseable {

    /** Contacts by state and held messages are counted over whole tables: at most this often. */
    static final Duration STORED_COUNTS_MAX_AGE = Duration.ofSeconds(15);

    final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    final CommittedCounts committed = new CommittedCounts(registry);
    private final JvmGcMetrics gc = new JvmGcMetrics();
    private final JvmHeapPressureMetrics heapPressure = new JvmHeapPressureMetrics();

    ServerMetrics() {
        new ClassLoaderMetrics().bindTo(registry);
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        heapPressure.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        new FileDescriptorMetrics().bindTo(registry);
    }

    /** HikariCP's own tracker, reporting the pool's connections (active, idle, pending, max) and acquire times. */
    MetricsTrackerFactory connectionPool() {
        return new MicrometerMetricsTrackerFactory(registry);
    }

    /** Contacts by state and held messages, read from {@code statistics} at most every {@link #STORED_COUNTS_MAX_AGE}. */
    void storedCounts(Supplier<JdbiStatistics.Counts> statistics) {
        new StoredCounts(statistics, STORED_COUNTS_MAX_AGE, System::nanoTime).bindTo(registry);
    }

    /** 1 while the circuit in front of WhatsApp is not closed (open, or waiting for its trial send); 0 in dry-run. */
    void whatsApp(WhatsAppGateway gateway) {
        Gauge.builder("trustgate_whatsapp_circuit_open", () -> gateway instanceof CircuitBreakingGateway circuit
                        && circuit.state() != CircuitBreakingGateway.State.CLOSED ? 1 : 0)
                .description("1 while sends to WhatsApp fail fast: the circuit opened after failed sends and no trial send "
                        + "has succeeded since").register(registry);
    }

    /** Readiness as {@code /health/ready} answers it, and Jetty's thread pool and connections (once it listens). */
    void http(Javalin http, BooleanSupplier ready) {
        Gauge.builder("trustgate_ready", () -> ready.getAsBoolean() ? 1 : 0)
                .description("1 when the node is ready (its database answers), as /health/ready says").register(registry);
        new JettyServerThreadPoolMetrics(http.jettyServer().threadPool(), Tags.empty()).bindTo(registry);
        JettyConnectionMetrics.addToAllConnectors(http.jettyServer().server(), registry);
    }

    @Override
    public void close() {
        gc.close();
        heapPressure.close();
        registry.close();
    }
}
