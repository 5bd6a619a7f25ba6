package dev.trustgate.application.port.out;

import dev.trustgate.domain.BusinessNumberId;
import dev.trustgate.domain.ContactNames;
import dev.trustgate.domain.IdentityHash;
import dev.trustgate.domain.Recipient;
import dev.trustgate.domain.WaId;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.Set;

/**
 * WhatsApp as trustgate reaches it through the provider a deployment is configured with (Meta's Cloud API,
 * 360dialog, Infobip, or none): pinned sends, the identity-check setting and, where the provider keeps an
 * identity block of its own, the confirmation that lifts it. {@link #capabilities()} says which of these the
 * provider offers; what it lacks is refused with a reason, never pretended.
 */
public interface WhatsAppGateway {

    /** What this provider can do; constant for the life of the gateway. */
    Capabilities capabilities();

    /**
     * The message type of {@code messageJson} (a Cloud API message body) that this provider cannot carry, if
     * any: such a message is refused before the gate decides anything. Empty when it can carry it.
     */
    Optional<String> unsupportedMessageType(String messageJson);

    /**
     * Sends {@code messageJson} (a Cloud API message body addressed to {@code to}) from {@code from}, with the
     * top-level {@code recipient_identity_key_hash} set to {@code pin} when present (and the provider pins,
     * see {@link Capabilities#pinsSends()}). Never retried when the request may have reached WhatsApp.
     */
    SendOutcome send(BusinessNumberId from, Recipient to, String messageJson, Optional<IdentityHash> pin);

    /**
     * Passes a mark-as-read (or typing indicator) call to WhatsApp as given: it carries no content to the
     * customer, so it is not gated. Retried like the setting call; it changes nothing twice.
     */
    ReadOutcome markRead(BusinessNumberId from, String requestJson);

    /**
     * Turns WhatsApp's identity key check for {@code business} on or off, or says why this provider cannot
     * ({@link SettingOutcome.Unsupported}).
     */
    SettingOutcome setIdentityChecks(BusinessNumberId business, boolean enabled);

    /**
     * Confirms at the provider that {@code customer} of {@code business} has the identity {@code hash}, lifting
     * the provider's own block (Infobip's identity change add-on, the On-Premises API's
     * {@code PUT /v1/contacts/{wa_id}/identity}). Only for a provider whose
     * {@link Capabilities#confirmsIdentities()} is true; for any other it is a programming error.
     */
    ConfirmOutcome confirmIdentity(BusinessNumberId business, WaId customer, IdentityHash hash);

    /**
     * What a provider offers.
     *
     * @param provider           its name as configured ({@code cloud-api}, {@code 360dialog}, {@code infobip},
     *                           {@code dry-run})
     * @param pinsSends          a send carries the gate's pin and WhatsApp refuses it for another identity (137000)
     * @param identityChecks     how identity checks are turned on for a business number
     * @param confirmsIdentities the provider blocks changed identities itself until confirmed through its API
     * @param messageTypes       the Cloud API message types it carries; empty = every type
     */
    record Capabilities(String provider, boolean pinsSends, IdentityChecks identityChecks, boolean confirmsIdentities,
                        Set<String> messageTypes) {
        public Capabilities {
            Objects.requireNonNull(provider, "provider");
            Objects.requireNonNull(identityChecks, "identityChecks");
            messageTypes = Set.copyOf(messageTypes);
        }
    }

    /** How identity checks are turned on for a business number at this provider. */
    enum IdentityChecks {
        /** Through the provider's API ({@link #setIdentityChecks} calls it). */
        API,
        /** By the provider for the whole account, outside any API (its support enables an add-on). */
        PROVIDER_ACCOUNT,
        /** Not at all: nothing is sent anywhere (dry-run). */
        NONE
    }

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
        <R> R fold(Function<? super Applied, ? extends R> applied, Function<? super Failed, ? extends R> failed,
                   Function<? super Unsupported, ? extends R> unsupported);

        /** WhatsApp applied the setting. */
        record Applied() implements SettingOutcome {
            @Override
            public <R> R fold(Function<? super Applied, ? extends R> applied, Function<? super Failed, ? extends R> failed,
                              Function<? super Unsupported, ? extends R> unsupported) {
                return applied.apply(this);
            }
        }

        /** WhatsApp did not apply it: {@code reason}, with its Graph error when it answered one. */
        record Failed(String reason, Optional<GraphError> error) implements SettingOutcome {
            @Override
            public <R> R fold(Function<? super Applied, ? extends R> applied, Function<? super Failed, ? extends R> failed,
                              Function<? super Unsupported, ? extends R> unsupported) {
                return failed.apply(this);
            }
        }

        /** This provider cannot change the setting; {@code reason} says what to do instead. */
        record Unsupported(String reason) implements SettingOutcome {
            @Override
            public <R> R fold(Function<? super Applied, ? extends R> applied, Function<? super Failed, ? extends R> failed,
                              Function<? super Unsupported, ? extends R> unsupported) {
                return unsupported.apply(this);
            }
        }
    }

    /** What the provider answered a confirmation. */
    sealed interface ConfirmOutcome {

        /** Hands this outcome to the function for its kind (see {@link dev.trustgate.domain.CommandResult#fold}). */
        <R> R fold(Function<? super Confirmed, ? extends R> confirmed, Function<? super Refused, ? extends R> refused,
                   Function<? super RetryLater, ? extends R> retryLater);

        /** The provider's block for that identity is lifted. */
        record Confirmed() implements ConfirmOutcome {
            @Override
            public <R> R fold(Function<? super Confirmed, ? extends R> confirmed, Function<? super Refused, ? extends R> refused,
                              Function<? super RetryLater, ? extends R> retryLater) {
                return confirmed.apply(this);
            }
        }

        /** It refused, and asking again as things stand cannot help (a wrong hash, an unknown customer). */
        record Refused(String reason) implements ConfirmOutcome {
            @Override
            public <R> R fold(Function<? super Confirmed, ? extends R> confirmed, Function<? super Refused, ? extends R> refused,
                              Function<? super RetryLater, ? extends R> retryLater) {
                return refused.apply(this);
            }
        }

        /** It could not be reached or is overloaded; {@code retryAfter} when it asked for a wait. */
        record RetryLater(String reason, Optional<Duration> retryAfter) implements ConfirmOutcome {
            @Override
            public <R> R fold(Function<? super Confirmed, ? extends R> confirmed, Function<? super Refused, ? extends R> refused,
                              Function<? super RetryLater, ? extends R> retryLater) {
                return retryLater.apply(this);
            }
        }
    }
}
