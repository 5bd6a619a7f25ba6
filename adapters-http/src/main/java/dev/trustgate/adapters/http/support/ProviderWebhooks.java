package dev.trustgate.adapters.http.support;

import dev.trustgate.domain.BusinessNumberId;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Whose webhooks this trustgate takes, and how it knows they are genuine. Meta signs every webhook of the Cloud API
 * with the app secret ({@code POST /webhooks/whatsapp}). 360dialog and Infobip sign nothing: their webhooks come to
 * a path that carries a secret ({@code POST /webhooks/360dialog/<secret>}, one per business number, and
 * {@code POST /webhooks/infobip/<secret>}, one per account). A path secret proves only that the sender knows the
 * URL; it covers neither the body nor its freshness, so it is weaker than Meta's HMAC (docs/providers.md).
 */
public sealed interface ProviderWebhooks {

    /** A secret that can stand in a URL path unescaped and cannot be guessed. */
    Pattern SECRET = Pattern.compile("[A-Za-z0-9_-]{32,128}");

    /** The provider's name as configured. */
    String provider();

    /** The value of whichever function fits this choice (a new choice breaks the build where it is not handled). */
    <T> T fold(Function<Meta, T> meta, Function<Dialog360, T> dialog360, Function<Infobip, T> infobip);

    /** Meta's signed webhooks (the Cloud API, and dry-run's simulated ones). */
    record Meta() implements ProviderWebhooks {
        @Override
        public String provider() {
            return "cloud-api";
        }

        @Override
        public <T> T fold(Function<Meta, T> meta, Function<Dialog360, T> dialog360, Function<Infobip, T> infobip) {
            return meta.apply(this);
        }
    }

    /** 360dialog's Cloud API webhooks, each business number's at a path with its own secret. */
    record Dialog360(Map<BusinessNumberId, String> secrets) implements ProviderWebhooks {
        public Dialog360 {
            secrets = Map.copyOf(secrets);
            if (secrets.isEmpty()) {
                throw new IllegalArgumentException("at least one business number takes 360dialog's webhooks");
            }
            secrets.values().forEach(ProviderWebhooks::requireSecret);
            if (Set.copyOf(secrets.values()).size() != secrets.size()) {
                throw new IllegalArgumentException("each business number needs a webhook secret of its own");
            }
        }

        @Override
        public String provider() {
            return "360dialog";
        }

        @Override
        public <T> T fold(Function<Meta, T> meta, Function<Dialog360, T> dialog360, Function<Infobip, T> infobip) {
            return dialog360.apply(this);
        }

        @Override
        public String toString() {
            return "Dialog360[" + secrets.size() + " business numbers, secrets ***]";
        }
    }

    /** Infobip's inbound messages, for every sender of the account, at one path with the account's secret. */
    record Infobip(String secret) implements ProviderWebhooks {
        public Infobip {
            requireSecret(secret);
        }

        @Override
        public String provider() {
            return "infobip";
        }

        @Override
        public <T> T fold(Function<Meta, T> meta, Function<Dialog360, T> dialog360, Function<Infobip, T> infobip) {
            return infobip.apply(this);
        }

        @Override
        public String toString() {
            return "Infobip[secret ***]";
        }
    }

    private static void requireSecret(String secret) {
        if (secret == null || !SECRET.matcher(secret).matches()) {
            throw new IllegalArgumentException("a webhook path secret is 32 to 128 letters, digits, - or _");
        }
    }
}
