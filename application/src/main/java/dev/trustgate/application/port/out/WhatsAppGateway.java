package dev.trustgate.application.port.out;

import dev.trustgate.domain.BusinessNumberId;
import dev.trustgate.domain.ContactNames;
import dev.trustgate.domain.IdentityHash;
import dev.trustgate.domain.Recipient;
import java.util.Optional;
import java.util.function.Function;

/** WhatsApp's Cloud API as trustgate uses it: pinned sends and the identity-check setting. */
public interface WhatsAppGateway {

    /**
     * Sends {@code messageJson} (a Cloud API message body addressed to {@code to}) from {@code from}, with the
     * top-level {@code recipient_identity_key_hash} set to {@code pin} when present. Never retried when the
     * request may have reached WhatsApp.
     */
    SendOutcome send(BusinessNumberId from, Recipient to, String messageJson, Optional<IdentityHash> pin);

    /**
     * Passes a mark-as-read (or typing indicator) call to WhatsApp as given: it carries no content to the
     * customer, so it is not gated. Retried like the setting call; it changes nothing twice.
     */
    ReadOutcome markRead(BusinessNumberId from, String requestJson);

    /** Turns WhatsApp's identity key check for {@code business} on or off. */
    SettingOutcome setIdentityChecks(BusinessNumberId business, boolean enabled);

    /** What became of a send. */
    sealed interface SendOutcome {

        /** Hands this outcome to the function for its kind (see {@link dev.trustgate.domain.CommandResult#fold}). */
        <R> R fold(Function<? super Sent, ? extends R> sent, Function<? super Refused, ? extends R> refused,
                   Function<? super Unavailable, ? extends R> unavailable);

        /**
         * WhatsApp accepted the message. {@code status}/{@code body} are WhatsApp's own answer; {@code recipient}
         * the names its {@code contacts[]} answer gave the addressee ({@code wa_id}, {@code user_id}), empty when
         * it gave none that could be read.
         */
        record Sent(String messageId, int status, String body, ContactNames recipient) implements SendOutcome {
            public Sent {
                java.util.Objects.requireNonNull(recipient, "recipient");
            }

            @Override
            public <R> R fold(Function<? super Sent, ? extends R> sent, Function<? super Refused, ? extends R> refused,
                              Function<? super Unavailable, ? extends R> unavailable) {
                return sent.apply(this);
            }
        }

        /** WhatsApp refused it; nothing was sent. */
        record Refused(int status, GraphError error, String body) implements SendOutcome {
            @Override
            public <R> R fold(Function<? super Sent, ? extends R> sent, Function<? super Refused, ? extends R> refused,
                              Function<? super Unavailable, ? extends R> unavailable) {
                return refused.apply(this);
            }
        }

        /** WhatsApp could not be reached or did not answer in time. */
        record Unavailable(String reason, boolean mayHaveBeenSent, boolean timedOut) implements SendOutcome {
            @Override
            public <R> R fold(Function<? super Sent, ? extends R> sent, Function<? super Refused, ? extends R> refused,
                              Function<? super Unavailable, ? extends R> unavailable) {
                return unavailable.apply(this);
            }
        }
    }

    /** What WhatsApp answered a mark-as-read call. */
    sealed interface ReadOutcome {

        /** Hands this outcome to the function for its kind (see {@link dev.trustgate.domain.CommandResult#fold}). */
        <R> R fold(Function<? super Answered, ? extends R> answered, Function<? super Unavailable, ? extends R> unavailable);

        /** WhatsApp's own status and body, success or Graph error alike. */
        record Answered(int status, String body) implements ReadOutcome {
            @Override
            public <R> R fold(Function<? super Answered, ? extends R> answered, Function<? super Unavailable, ? extends R> unavailable) {
                return answered.apply(this);
            }
        }

        /** WhatsApp could not be reached or did not answer. */
        record Unavailable(String reason) implements ReadOutcome {
            @Override
            public <R> R fold(Function<? super Answered, ? extends R> answered, Function<? super Unavailable, ? extends R> unavailable) {
                return unavailable.apply(this);
            }
        }
    }

    /** What became of the identity-check setting call. */
    sealed interface SettingOutcome {

        /** Hands this outcome to the function for its kind (see {@link dev.trustgate.domain.CommandResult#fold}). */
        <R> R fold(Function<? super Applied, ? extends R> applied, Function<? super Failed, ? extends R> failed);

        /** WhatsApp applied the setting. */
        record Applied() implements SettingOutcome {
            @Override
            public <R> R fold(Function<? super Applied, ? extends R> applied, Function<? super Failed, ? extends R> failed) {
                return applied.apply(this);
            }
        }

        /** WhatsApp did not apply it: {@code reason}, with its Graph error when it answered one. */
        record Failed(String reason, Optional<GraphError> error) implements SettingOutcome {
            @Override
            public <R> R fold(Function<? super Applied, ? extends R> applied, Function<? super Failed, ? extends R> failed) {
                return failed.apply(this);
            }
        }
    }
}
