package dev.trustgate.application.port.out;

import dev.trustgate.domain.BusinessNumberId;
import java.util.Optional;

/**
 * Passes verified WhatsApp webhooks on to the business's own WhatsApp app, re-signed so the app's own
 * signature check keeps working, with the {@code X-Trustgate-Trust} header. A business number may have a
 * relay of its own; the others, and webhooks that concern no business number (about the WhatsApp
 * Business Account itself), go to the default relay, when there is one.
 */
public interface WebhookRelay {

    /** The destination of the default relay. */
    String DEFAULT_DESTINATION = "relay";

    /** The destination of the relay of {@code business}'s own (at most 64 characters). */
    static String destinationOf(BusinessNumberId business) {
        return DEFAULT_DESTINATION + ":" + business.value();
    }

    /** False when no relay at all is configured here: nothing is queued for one, and this node relays nothing. */
    boolean enabled();

    /**
     * Where webhooks concerning {@code business} (empty: concerning no business number) are relayed: the
     * destination of the business's own relay, else {@link #DEFAULT_DESTINATION}; empty when neither exists.
     */
    Optional<String> destination(Optional<BusinessNumberId> business);

    /**
     * Relays {@code body} to the URL {@code destination} has now (a business's own relay that is no longer
     * configured falls back to the default one); refused when there is none.
     */
    NotificationSender.Outcome relay(String destination, String body, String trustHeader);

    /** No relay configured. */
    WebhookRelay NONE = new WebhookRelay() {
        @Override
        public boolean enabled() {
            return false;
        }

        @Override
        public Optional<String> destination(Optional<BusinessNumberId> business) {
            return Optional.empty();
        }

        @Override
        public NotificationSender.Outcome relay(String destination, String body, String trustHeader) {
            throw new IllegalStateException("no relay is configured");
        }
    };
}
