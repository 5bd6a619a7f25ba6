package dev.trustgate.application.port.out;

import dev.trustgate.domain.BusinessNumberId;
import dev.trustgate.domain.IdentityHash;
import java.util.Optional;

/** WhatsApp's Cloud API as trustgate uses it: pinned sends and the identity-check setting. */
public interface WhatsAppGateway {

    /**
     * Sends {@code messageJson} (a Cloud API message body) from {@code from}, with the top-level
     * {@code recipient_identity_key_hash} set to {@code pin} when present. Never retried when the
     * request may have reached WhatsApp.
     */
    SendOutcome send(BusinessNumberId from, String messageJson, Optional<IdentityHash> pin);

    /** Turns WhatsApp's identity key check for {@code business} on or off. */
    SettingOutcome setIdentityChecks(BusinessNumberId business, boolean enabled);

    /** What became of a send. */
    sealed interface SendOutcome {
        /** WhatsApp accepted the message. {@code status}/{@code body} are WhatsApp's own answer. */
        record Sent(String messageId, int status, String body) implements SendOutcome {
        }

        /** WhatsApp refused it; nothing was sent. */
        record Refused(int status, GraphError error, String body) implements SendOutcome {
        }

        /** WhatsApp could not be reached or did not answer in time. */
        record Unavailable(String reason, boolean mayHaveBeenSent, boolean timedOut) implements SendOutcome {
        }
    }

    sealed interface SettingOutcome {
        record Applied() implements SettingOutcome {
        }

        record Failed(String reason, Optional<GraphError> error) implements SettingOutcome {
        }
    }
}
