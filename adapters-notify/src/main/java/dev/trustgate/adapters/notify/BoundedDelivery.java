package dev.trustgate.adapters.notify;

import dev.trustgate.application.port.out.NotificationSender.Outcome;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One outgoing delivery (a notification or a relayed webhook) with a total deadline: connecting, the
 * answer's headers and its whole body must fit in it. {@link HttpRequest#timeout} alone stops counting
 * once the headers arrived, so an endpoint that trickles its body could hold a delivery worker for
 * ever; here the exchange is abandoned (and its connection closed) when the deadline passes.
 */
final class BoundedDelivery {

    private final Duration deadline;
    /** Built on the first delivery: a client loads TLS and its certificates, which a start without deliveries need not pay. */
    private volatile HttpClient http;

    BoundedDelivery(Duration deadline) {
        if (deadline.isNegative() || deadline.isZero()) {
            throw new IllegalArgumentException("the delivery deadline must be positive");
        }
        this.deadline = deadline;
    }

    private HttpClient http() {
        HttpClient client = http;
        if (client == null) {
            synchronized (this) {
                client = http;
                if (client == null) {
                    client = HttpClient.newBuilder().connectTimeout(deadline).followRedirects(HttpClient.Redirect.NEVER).build();
                    http = client;
                }
            }
        }
        return client;
    }

    /** Why a request could never be sent to {@code url}; empty when it can. */
    static Optional<String> problemWith(String url) {
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https")) {
                return Optional.of("it must start with http:// or https://");
            }
            if (uri.getHost() == null) {
                return Optional.of("it names no host trustgate could connect to");
            }
            if (uri.getUserInfo() != null) {
                return Optional.of("it must not carry credentials");
            }
            HttpRequest.newBuilder(uri);
            return Optional.empty();
        } catch (URISyntaxException e) {
            return Optional.of(e.getReason() + (e.getIndex() >= 0 ? " at index " + e.getIndex() : ""));
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage());
        }
    }

    /** A request to {@code url} (checked with {@link #problemWith} first) whose timeout is the deadline. */
    HttpRequest.Builder request(String url) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(deadline);
    }

    /**
     * Sends {@code request} and tells what became of it: 2xx delivered, 410 gone, anything else (an error
     * status, a refused or broken connection, the deadline passed) to be retried, with the endpoint's
     * Retry-After (seconds) when it gave one.
     */
    Outcome send(HttpRequest request) {
        CompletableFuture<HttpResponse<Void>> exchange = http().sendAsync(request, HttpResponse.BodyHandlers.discarding());
        try {
            HttpResponse<Void> response = exchange.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
            int status = response.statusCode();
            if (status / 100 == 2) {
                return new Outcome.Delivered();
            }
            if (status == 410) {
                return new Outcome.Gone();
            }
            return new Outcome.RetryLater("HTTP " + status, response.headers().firstValue("Retry-After").flatMap(BoundedDelivery::seconds));
        } catch (TimeoutException e) {
            exchange.cancel(true);
            return new Outcome.RetryLater("no complete answer within " + deadline.toSeconds() + " s", Optional.empty());
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            return new Outcome.RetryLater(cause instanceof java.net.http.HttpTimeoutException
                    ? "no complete answer within " + deadline.toSeconds() + " s"
                    : "cannot connect: " + cause.getClass().getSimpleName(), Optional.empty());
        } catch (InterruptedException e) {
            exchange.cancel(true);
            Thread.currentThread().interrupt();
            return new Outcome.RetryLater("interrupted", Optional.empty());
        }
    }

    private static Optional<Duration> seconds(String value) {
        try {
            long seconds = Long.parseLong(value.trim());
            return seconds < 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(seconds));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
