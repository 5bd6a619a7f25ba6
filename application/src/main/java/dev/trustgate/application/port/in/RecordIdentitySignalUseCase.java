package dev.trustgate.application.port.in;

import dev.trustgate.application.Requests;
import dev.trustgate.domain.BusinessNumberId;
import dev.trustgate.domain.ContactKey;
import dev.trustgate.domain.IdentityHash;
import dev.trustgate.domain.SignalSource;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Applies identity signals from WhatsApp's webhooks (or another source, such as a SIM-swap notice) to
 * the contacts they name: all of one batch in one transaction, each at most once by its receipt key.
 */
public interface RecordIdentitySignalUseCase {

    List<Outcome> record(List<Signal> signals);

    /**
     * Applies {@code signals} and, in the same transaction, queues the webhook they came from for the
     * business's own app (when a relay is configured), with the trust of the contacts it names.
     */
    List<Outcome> record(List<Signal> signals, Optional<Relay> relay);

    /** A verified webhook to pass on byte-identical; {@code named} are the contacts it mentions. */
    record Relay(BusinessNumberId business, String rawBody, List<ContactKey> named) {
        public Relay {
            Requests.required("business", business);
            Requests.required("rawBody", rawBody);
            named = List.copyOf(named);
        }
    }

    /**
     * One signal.
     *
     * @param receiptKey       idempotency key (e.g. business + message id); empty = no de-duplication
     * @param kind             what WhatsApp said
     * @param hash             the identity hash it carried, if any
     * @param asOf             WhatsApp's own timestamp of the signal
     * @param whatsappMessageId for {@link Kind#SEND_REFUSED}: the message WhatsApp refused
     */
    record Signal(Optional<String> receiptKey, ContactKey contact, Kind kind, Optional<IdentityHash> hash, Instant asOf,
                  SignalSource source, Optional<String> whatsappMessageId) {
        public Signal {
            Requests.required("receiptKey", receiptKey);
            Requests.required("contact", contact);
            Requests.required("kind", kind);
            Requests.required("hash", hash);
            Requests.required("asOf", asOf);
            Requests.required("source", source);
            Requests.required("whatsappMessageId", whatsappMessageId);
            if (kind == Kind.OBSERVED && hash.isEmpty()) {
                throw new IllegalArgumentException("an observed identity needs a hash");
            }
            if (kind == Kind.SEND_REFUSED && whatsappMessageId.isEmpty()) {
                throw new IllegalArgumentException("a refused send needs the WhatsApp message id");
            }
        }
    }

    enum Kind {
        /** A hash seen on a message or status: baseline the first time, a change when it differs. */
        OBSERVED,
        /** An explicit identity-change notice (system message, external source); hash may be unknown. */
        CHANGED,
        /** WhatsApp refused a pinned send with error 137000. */
        SEND_REFUSED
    }

    enum Outcome { APPLIED, IGNORED, DUPLICATE }
}
