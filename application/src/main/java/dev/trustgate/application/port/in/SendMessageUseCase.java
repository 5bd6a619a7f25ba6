package dev.trustgate.application.port.in;

import dev.trustgate.application.Caller;
import dev.trustgate.application.Requests;
import dev.trustgate.domain.BlockReason;
import dev.trustgate.domain.BusinessNumberId;
import dev.trustgate.domain.Recipient;
import dev.trustgate.domain.IdentityHash;
import java.util.Optional;

/**
 * The gate: sends a message through WhatsApp only when the contact's trust allows it, pinned to the
 * acknowledged identity; otherwise refuses (recording {@code message.blocked}) or holds it.
 */
public interface SendMessageUseCase {

    Result send(Command command);

    /**
     * @param to          whom the body addresses ({@code to} and/or {@code recipient})
     * @param messageJson the Cloud API message body, passed through as given
     * @param sensitive   only the authenticated customer may read it
     */
    record Command(Caller caller, BusinessNumberId from, Recipient to, String messageJson, boolean sensitive,
                   OnBlocked onBlocked) {
        public Command {
            Requests.required("caller", caller);
            Requests.required("from", from);
            Requests.required("to", to);
            Requests.text("message", messageJson, 1_000_000);
            Requests.required("onBlocked", onBlocked);
        }
    }

    enum OnBlocked { REJECT, HOLD }

    /** What the gate did. */
    sealed interface Result {
        /** Forwarded and accepted by WhatsApp; {@code status}/{@code body} are WhatsApp's answer. */
        record Sent(String messageId, Optional<IdentityHash> pin, int status, String body) implements Result {
        }

        /** Forwarded but refused by WhatsApp (a Graph error); nothing was delivered. */
        record RefusedUpstream(int status, String body, String message) implements Result {
        }

        /** Not sent: the contact's trust does not allow it. */
        record Blocked(BlockReason reason) implements Result {
        }

        /** Not sent but kept for a person to release or discard. */
        record Held(String heldMessageId, BlockReason reason) implements Result {
        }
    }
}
