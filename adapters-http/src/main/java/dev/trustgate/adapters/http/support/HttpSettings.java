package dev.trustgate.adapters.http.support;

import dev.trustgate.domain.BusinessNumberId;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What the HTTP adapter needs to know: the WhatsApp app secret (webhook signatures) and verify token
 * (subscription handshake), the largest webhook accepted, the key protecting {@code /metrics}, and the
 * business number On-Premises webhooks (which name none) belong to, if this trustgate takes them, and whose
 * webhooks it takes at all ({@link ProviderWebhooks}: Meta's signed ones, or 360dialog's or Infobip's at a secret path),
 * and the sink credentials trustgate gives mobile operators with its SIM-swap subscriptions (none: SIM-swap notices are
 * refused; more than one while a credential is being replaced).
 */
public record HttpSettings(String appSecret, String verifyToken, int maxWebhookBytes, Optional<String> metricsKey,
                           Duration idleTimeout, Optional<BusinessNumberId> onPremisesNumber, ProviderWebhooks webhooks,
                           List<String> simSwapSinkCredentials) {

    /** How long a connection may stall (no byte read or written) before it is closed: slow clients hold nothing. */
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(30);

    public HttpSettings(String appSecret, String verifyToken, int maxWebhookBytes, Optional<String> metricsKey) {
        this(appSecret, verifyToken, maxWebhookBytes, metricsKey, DEFAULT_IDLE_TIMEOUT, Optional.empty(), new ProviderWebhooks.Meta(),
                List.of());
    }

    public HttpSettings(String appSecret, String verifyToken, int maxWebhookBytes, Optional<String> metricsKey,
                        Duration idleTimeout) {
        this(appSecret, verifyToken, maxWebhookBytes, metricsKey, idleTimeout, Optional.empty(), new ProviderWebhooks.Meta(), List.of());
    }

    public HttpSettings(String appSecret, String verifyToken, int maxWebhookBytes, Optional<String> metricsKey,
                        Duration idleTimeout, Optional<BusinessNumberId> onPremisesNumber) {
        this(appSecret, verifyToken, maxWebhookBytes, metricsKey, idleTimeout, onPremisesNumber, new ProviderWebhooks.Meta(), List.of());
    }

    /** These settings, taking On-Premises webhooks for {@code number}. */
    public HttpSettings withOnPremisesNumber(Optional<BusinessNumberId> number) {
        return new HttpSettings(appSecret, verifyToken, maxWebhookBytes, metricsKey, idleTimeout, number, webhooks,
                simSwapSinkCredentials);
    }

    /** These settings, taking the webhooks {@code webhooks} describe instead. */
    public HttpSettings withWebhooks(ProviderWebhooks webhooks) {
        return new HttpSettings(appSecret, verifyToken, maxWebhookBytes, metricsKey, idleTimeout, onPremisesNumber, webhooks,
                simSwapSinkCredentials);
    }

    /** These settings, taking SIM-swap notices that carry one of {@code credentials} as bearer token. */
    public HttpSettings withSimSwapSinkCredentials(List<String> credentials) {
        return new HttpSettings(appSecret, verifyToken, maxWebhookBytes, metricsKey, idleTimeout, onPremisesNumber, webhooks,
                credentials);
    }

    public HttpSettings {
        if (idleTimeout == null || idleTimeout.isNegative() || idleTimeout.isZero()) {
            throw new IllegalArgumentException("the idle timeout must be positive");
        }
        if (appSecret == null || appSecret.isEmpty()) {
            throw new IllegalArgumentException("the WhatsApp app secret is required");
        }
        if (verifyToken == null || verifyToken.isEmpty()) {
            throw new IllegalArgumentException("the WhatsApp verify token is required");
        }
        if (onPremisesNumber == null) {
            throw new IllegalArgumentException("onPremisesNumber must be given (empty when On-Premises webhooks are not taken)");
        }
        if (webhooks == null) {
            throw new IllegalArgumentException("webhooks must be given (whose webhooks this trustgate takes)");
        }
        if (simSwapSinkCredentials == null || simSwapSinkCredentials.stream().anyMatch(c -> c == null || c.isEmpty())) {
            throw new IllegalArgumentException("simSwapSinkCredentials must be given, each non-empty (none when SIM-swap notices are not taken)");
        }
        simSwapSinkCredentials = List.copyOf(simSwapSinkCredentials);
        if (maxWebhookBytes < 1024) {
            throw new IllegalArgumentException("the webhook size limit must be at least 1024 bytes");
        }
    }

    @Override
    public String toString() {
        return "HttpSettings[appSecret=***, verifyToken=***, maxWebhookBytes=" + maxWebhookBytes + ", idleTimeout=" + idleTimeout
                + ", webhooks=" + webhooks + ", simSwapSinkCredentials=" + simSwapSinkCredentials.size() + "]";
    }
}
