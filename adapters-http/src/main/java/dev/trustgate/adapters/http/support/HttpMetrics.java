package dev.trustgate.adapters.http.support;

import dev.trustgate.application.port.in.RecordIdentitySignalUseCase.Outcome;
import dev.trustgate.application.port.in.SendMessageUseCase.Result;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/**
 * What operators alert on, in Prometheus format at {@code /metrics}: requests by route and status (with latency
 * buckets), sends by decision and reason, WhatsApp webhooks by outcome, identity signals applied, and the notification
 * backlog. The registry may be shared: the server adds the JVM's, the connection pool's, Jetty's and the domain's
 * figures to the same scrape.
 */
public final class HttpMetrics {

    /** The notification outbox as the gauges see it. */
    public record Backlog(long pending, long parked, Duration oldestPendingAge) {
        public static final Backlog EMPTY = new Backlog(0, 0, Duration.ZERO);
    }

    /** Latency buckets of every request timer: from a quick read to a send that waited for WhatsApp's timeout. */
    static final Duration[] LATENCY_BUCKETS = {Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25),
            Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
            Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10)};
    static final String WEBHOOK_ROUTE = "/webhooks/whatsapp";

    private final PrometheusMeterRegistry registry;
    private volatile Backlog backlog = Backlog.EMPTY;

    public HttpMetrics(Supplier<Backlog> backlogSource) {
        this(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), backlogSource);
    }

    public HttpMetrics(PrometheusMeterRegistry registry, Supplier<Backlog> backlogSource) {
        this.registry = registry;
        Gauge.builder("trustgate_outbox_pending", () -> refresh(backlogSource).pending())
                .description("notifications waiting to be delivered").register(registry);
        Gauge.builder("trustgate_outbox_parked", () -> backlog.parked())
                .description("notifications that ran out of retries").register(registry);
        Gauge.builder("trustgate_outbox_lag_seconds", () -> backlog.oldestPendingAge().toMillis() / 1000.0)
                .description("age of the oldest waiting notification").register(registry);
    }

    private Backlog refresh(Supplier<Backlog> source) {
        try {
            backlog = source.get();
        } catch (RuntimeException e) {
            // storage down: keep the last known figures; readiness tells the rest
        }
        return backlog;
    }

    void request(String method, String route, int status, float millis) {
        Timer.builder("trustgate_http_requests").description("HTTP requests answered, by method, route and status")
                .tag("method", method).tag("route", route)
                .tag("status", Integer.toString(status)).serviceLevelObjectives(LATENCY_BUCKETS).register(registry)
                .record(Duration.ofNanos((long) (millis * 1_000_000)));
        if ("POST".equals(method) && WEBHOOK_ROUTE.equals(route)) {
            Counter.builder("trustgate_webhooks").description("WhatsApp webhooks received, by outcome: accepted (applied and "
                    + "committed), invalid_signature, malformed, too_large, storage_unavailable, refused or failed")
                    .tag("outcome", webhookOutcome(status)).register(registry).increment();
        }
    }

    private static String webhookOutcome(int status) {
        return switch (status) {
            case 200 -> "accepted";
            case 401 -> "invalid_signature";
            case 400 -> "malformed";
            case 413 -> "too_large";
            case 503 -> "storage_unavailable";
            default -> status >= 500 ? "failed" : "refused";
        };
    }

    /** What the gate decided, as the sends counter labels it. */
    private record SendDecision(String outcome, String reason) {
    }

    public void send(Result result) {
        SendDecision decision = result.fold(sent -> new SendDecision("allowed", "none"),
                refused -> new SendDecision("upstream_refused", "whatsapp"),
                blocked -> new SendDecision("blocked", blocked.reason().code()),
                held -> new SendDecision("held", held.reason().code()));
        Counter.builder("trustgate_sends").description("sends decided: allowed, blocked or held (with the reason), or refused "
                        + "by WhatsApp").tag("outcome", decision.outcome()).tag("reason", decision.reason()).register(registry)
                .increment();
    }

    public void webhook(List<Outcome> outcomes, int skipped) {
        for (Outcome outcome : outcomes) {
            Counter.builder("trustgate_identity_signals").description("identity signals from webhooks, by what became of them")
                    .tag("outcome", outcome.name().toLowerCase(java.util.Locale.ROOT))
                    .register(registry).increment();
        }
        if (skipped > 0) {
            Counter.builder("trustgate_webhook_items_skipped").description("webhook items trustgate could not use (receipted, not applied)")
                    .register(registry).increment(skipped);
        }
    }

    public String scrape() {
        return registry.scrape();
    }
}
