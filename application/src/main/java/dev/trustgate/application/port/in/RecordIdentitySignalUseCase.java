package dev.trustgate.application.port.in;

import dev.trustgate.application.Requests;
import dev.trustgate.domain.BusinessNumberId;
import dev.trustgate.domain.ContactNames;
import dev.trustgate.domain.CustomerName;
import dev.trustgate.domain.IdentityHash;
import dev.trustgate.domain.SignalSource;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Applies identity signals from WhatsApp's webhooks (or another source, such as a SIM-swap notice) to
 * the contacts they name: all of one batch in one transaction, each at most once by its receipt key.
 * A signal names its contact by every name the webhook gave it together (DESIGN §4): names nobody knew
 * become a new contact, names of two contacts merge them.
 */
public interface RecordIdentitySignalUseCase {

    List<Outcome> record(List<Signal> signals);

    /**
     * Applies {@code signals} and, in the same transaction, queues the webhook they came from for the
     * business's own app: each of {@code relays} to the relay of its business number (or the default one),
     * with the trust of the contacts it names as they stand after the signals; a part with no relay to go to
     * is dropped.
     */
    List<Outcome> record(List<Signal> signals, List<Relay> relays);

    /**
     * A verified webhook, or the part of it that concerns one business number, to pass on.
     *
     * @param business the business number it concerns; empty for a webhook about the WhatsApp Business
     *                 Account itself (template status, account updates) or that names none
     * @param body     the webhook as received (byte-identical) or, for one of several parts, only that part
     * @param named    the names of {@code business}'s customers it mentions, in order; none without a business
     */
    record Relay(Optional<BusinessNumberId> business, String body, List<CustomerName> named) {
        public Relay {
            Requests.required("business", business);
            Requests.required("body", body);
            named = List.copyOf(named);
            if (business.isEmpty() && !named.isEmpty()) {
                throw new IllegalArgumentException("customers are named in a business number");
            }
        }
    }

    /**
     * One signal.
     *
     * @param receiptKey        idempotency key (e.g. business + message id); empty = no de-duplication
     * @param names             every name the webhook gave the customer together (at least one, but for a refused
     *                          send, which its message names, and a user id change)
     * @param kind              what WhatsApp said
     * @param hash              the identity hash it carried, if any
     * @param asOf              WhatsApp's own timestamp of the signal
     * @param whatsappMessageId for {@link Kind#SEND_REFUSED}: the message WhatsApp refused
     * @param newNames          for {@link Kind#NUMBER_CHANGED} and {@link Kind#USER_ID_CHANGED}: the names the
     *                          customer has now ({@code names} are the earlier ones)
     */
    record Signal(Optional<String> receiptKey, BusinessNumberId business, ContactNames names, Kind kind,
                  Optional<IdentityHash> hash, Instant asOf, SignalSource source, Optional<String> whatsappMessageId,
                  ContactNames newNames) {
        public Signal {
            Requests.required("receiptKey", receiptKey);
            Requests.required("business", business);
            Requests.required("names", names);
            Requests.required("kind", kind);
            Requests.required("hash", hash);
            Requests.required("asOf", asOf);
            Requests.required("source", source);
            Requests.required("whatsappMessageId", whatsappMessageId);
            Requests.required("newNames", newNames);
            if (names.isEmpty() && kind != Kind.USER_ID_CHANGED && kind != Kind.SEND_REFUSED) {
                throw new IllegalArgumentException("a signal names its customer (a refused send may name only its message)");
            }
            if (kind == Kind.OBSERVED && hash.isEmpty()) {
                throw new IllegalArgumentException("an observed identity needs a hash");
            }
            if (kind == Kind.SEND_REFUSED && whatsappMessageId.isEmpty()) {
                throw new IllegalArgumentException("a refused send needs the WhatsApp message id");
            }
            if (kind == Kind.NUMBER_CHANGED && newNames.waId().isEmpty()) {
                throw new IllegalArgumentException("a number change names the new number");
            }
            if (kind == Kind.USER_ID_CHANGED && newNames.userId().isEmpty()) {
                throw new IllegalArgumentException("a user id change names the new user id");
            }
            if ((kind == Kind.NUMBER_CHANGED || kind == Kind.USER_ID_CHANGED) == newNames.isEmpty()) {
                throw new IllegalArgumentException("only number and user id changes carry new names");
            }
        }

        /** A signal about the customer named {@code names}, without new names. */
        public static Signal of(Optional<String> receiptKey, BusinessNumberId business, ContactNames names, Kind kind,
                                Optional<IdentityHash> hash, Instant asOf, SignalSource source, Optional<String> whatsappMessageId) {
            return new Signal(receiptKey, business, names, kind, hash, asOf, source, whatsappMessageId, ContactNames.NONE);
        }
    }

    /** What a signal says about the customer. */
    enum Kind {
        /** The customer's names, seen together: they belong to one contact. No identity information. */
        NAMED,
        /** A hash seen on a message or status: baseline the first time, a change when it differs. */
        OBSERVED,
        /** An explicit identity-change notice (system message, unreadable hash, external source); hash may be unknown. */
        CHANGED,
        /** WhatsApp refused a pinned send with error 137000. */
        SEND_REFUSED,
        /** {@code user_changed_number}: the customer moved to the number in {@code newNames}; the old one is left behind. */
        NUMBER_CHANGED,
        /** {@code user_changed_user_id}: the customer has the user id in {@code newNames}; the old one stays an alias. */
        USER_ID_CHANGED
    }

    /** What became of one signal: applied, ignored (stale or repeated), or a duplicate of one already applied. */
    enum Outcome { APPLIED, IGNORED, DUPLICATE }
}
