package dev.trustgate.application.port.in;

import dev.trustgate.application.Caller;
import dev.trustgate.application.Requests;
import dev.trustgate.domain.BlockReason;
import dev.trustgate.domain.BusinessNumberId;
import dev.trustgate.domain.Recipient;
import dev.trustgate.domain.IdentityHash;
import java.util.Optional;
import java.util.function.Function;

/**
 * The gate: sends a message through WhatsApp only when the contact's trust allows it, pinned to the
 * acknowledged identity; otherwise refuses (recording {@code message.blocked}) or holds it.
 */
public interface SendMessageUseCase {

    Result send(Command command);

    /**
     * A message to gate and send.
     *
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

    /** What to do with a message the gate refuses: refuse it ({@code REJECT}) or keep it for a person ({@code HOLD}). */
    enum OnBlocked { REJECT, HOLD }

    /** What the gate did. */
    sealed interface Result {

        /** Hands this result to the function for its kind (see {@link dev.trustgate.domain.CommandResult#fold}). */
        <R> R fold(Function<? super Sent, ? extends R> sent, Function<? super RefusedUpstream, ? extends R> refusedUpstream,
                   Function<? super Blocked, ? extends R> blocked, Function<? super Held, ? extends R> held);

        /** Forwarded and accepted by WhatsApp; {@code status}/{@code body} are WhatsApp's answer. */
        record Sent(String messageId, Optional<IdentityHash> pin, int status, String body) implements Result {
            @Override
            public <R> R fold(Function<? super Sent, ? extends R> sent, Function<? super RefusedUpstream, ? extends R> refusedUpstream,
                              Function<? super Blocked, ? extends R> blocked, Function<? super Held, ? extends R> held) {
                return sent.apply(this);
            }
        }

        /** Forwarded but refused by WhatsApp (a Graph error); nothing was delivered. */
        record RefusedUpstream(int status, String body, String message) implements Result {
            @Override
            public <R> R fold(Function<? super Sent, ? extends R> sent, Function<? super RefusedUpstream, ? extends R> refusedUpstream,
                              Function<? super Blocked, ? extends R> blocked, Function<? super Held, ? extends R> held) {
                return refusedUpstream.apply(this);
            }
        }

        /** Not sent: the contact's trust does not allow it. */
        record Blocked(BlockReason reason) implements Result {
            @Override
            public <R> R fold(Function<? super Sent, ? extends R> sent, Function<? super RefusedUpstream, ? extends R> refusedUpstream,
                              Function<? super Blocked, ? extends R> blocked, Function<? super Held, ? extends R> held) {
                return blocked.apply(this);
            }
        }

        /** Not sent but kept for a person to release or discard. */
        record Held(String heldMessageId, BlockReason reason) implements Result {
            @Override
            public <R> R fold(Function<? super Sent, ? extends R> sent, Function<? super RefusedUpstream, ? extends R> refusedUpstream,
                              Function<? super Blocked, ? extends R> blocked, Function<? super Held, ? extends R> held) {
                return held.apply(this);
            }
        }
    }
}
