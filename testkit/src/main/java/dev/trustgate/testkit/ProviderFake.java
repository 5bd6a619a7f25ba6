package dev.trustgate.testkit;

import java.util.List;
import java.util.Map;

/**
 * A WhatsApp provider on a real loopback socket, answering in the provider's own documented shapes. Tests
 * script what the next sends meet in the provider's terms of meaning (accepted, refused, rate limited, down,
 * hanging); each fake turns that into its provider's status codes and bodies. With nothing scripted, a send
 * is accepted.
 */
public interface ProviderFake extends AutoCloseable {

    /** The base URL the adapter is configured with. */
    String url();

    /** The next send is accepted, answered with a message id. */
    ProviderFake accepting();

    /** The next send is refused as the provider refuses a bad request (4xx with its error body). */
    ProviderFake refusing();

    /** The next send meets 429 with {@code Retry-After: retryAfterSeconds}. */
    ProviderFake rateLimiting(int retryAfterSeconds);

    /** The next send meets {@code status} (5xx) with the provider's error body. */
    ProviderFake failing(int status);

    /** The next send is held open, unanswered, until the fake closes. */
    ProviderFake hanging();

    /** Every send request that reached the fake, in order (not settings, confirmations or read receipts). */
    List<Received> sends();

    /** A request as it arrived: its path, headers (names in lower case) and body. */
    record Received(String method, String path, Map<String, String> headers, String body) {
        public Received {
            headers = Map.copyOf(headers);
        }

        public String header(String name) {
            return headers.get(name.toLowerCase(java.util.Locale.ROOT));
        }
    }

    @Override
    void close();
}
