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
 * What operators alert on, in Prometheus format at {@code /metrics}: requests by route and status,
 * sends allowed / blocked / held, identity signals applied, webhook ingest, and the notification backlog.
 */
public final class HttpMetrics {

    /** The notification outbox as the gauges see it. */
    public record Backlog(long pending, long parked, Duration oldestPendingAge) {
        public static final Backlog EMPTY = new Backlog(0, 0, Duration.ZERO);
    }

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private volatile Backlog backlog = Backlog.EMPTY;

    public HttpMetrics(Supplier<Backlog> backlogSource) {
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
                .tag("status", Integer.toString(status)).register(registry)
                .record(Duration.ofNanos((long) (millis * 1_000_000)));
    }

    public void send(Result result) {
        String outcome = result.fold(sent -> "allowed", refused -> "upstream_refused", blocked -> "blocked", held -> "held");
        Counter.builder("trustgate_sends").description("sends decided: allowed, blocked, held, or refused by WhatsApp")
                .tag("outcome", outcome).register(registry).increment();
    }

    public void webhook(List<Outcome> outcomes, int skipped) {
        Counter.builder("trustgate_webhooks").description("signed WhatsApp webhooks received").register(registry).increment();
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
