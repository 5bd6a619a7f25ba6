package dev.trustgate.application.port.out;

/**
 * Passes a verified WhatsApp webhook on to the business's own WhatsApp app, byte-identical, re-signed
 * so the app's own signature check keeps working, with the {@code X-Trustgate-Trust} header.
 */
public interface WebhookRelay {

    /** False when no relay destination is configured: nothing is queued for it. */
    boolean enabled();

    NotificationSender.Outcome relay(String rawBody, String trustHeader);

    /** No relay configured. */
    WebhookRelay NONE = new WebhookRelay() {
        @Override
        public boolean enabled() {
            return false;
        }

        @Override
        public NotificationSender.Outcome relay(String rawBody, String trustHeader) {
            throw new IllegalStateException("no relay is configured");
        }
    };
}
