package dev.trustgate.application.service;

import dev.trustgate.application.port.in.RecordIdentitySignalUseCase;
import dev.trustgate.application.port.out.BusinessStore;
import dev.trustgate.application.port.out.Clock;
import dev.trustgate.application.port.out.ContactStore;
import dev.trustgate.application.port.out.IdGenerator;
import dev.trustgate.application.port.out.MessageLog;
import dev.trustgate.application.port.out.Outbox;
import dev.trustgate.application.port.out.OutboxEntry;
import dev.trustgate.application.port.out.SentMessage;
import dev.trustgate.application.port.out.Transactions;
import dev.trustgate.application.port.out.WebhookReceipts;
import dev.trustgate.application.port.out.WebhookRelay;
import dev.trustgate.domain.BusinessNumber;
import dev.trustgate.domain.ChangeId;
import dev.trustgate.domain.CommandResult;
import dev.trustgate.domain.ContactKey;
import dev.trustgate.domain.ContactTrust;
import dev.trustgate.domain.CustomerName;
import dev.trustgate.domain.IdentityHash;
import dev.trustgate.domain.PhoneAliases;
import dev.trustgate.domain.WaId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns identity signals into trust changes (DESIGN §4). First the names a signal gives the customer are
 * attached to one contact (created, named, or merged from several); then a first hash is the baseline, a
 * different one a change, an explicit notice a change (to an unknown identity when it names none or an
 * unreadable one), and a 137000 refusal a change to the status's hash when it differs from the message's
 * pin, otherwise to an unknown identity. A number change moves the customer's contact to the new number and
 * leaves the old number blocked; a user id change links the new id. A whole batch commits together; a
 * receipt key already seen is skipped.
 */
public final class RecordIdentitySignalService implements RecordIdentitySignalUseCase {

    private final Transactions transactions;
    private final Contacts contacts;
    private final ContactStore store;
    private final BusinessStore businesses;
    private final WebhookReceipts receipts;
    private final MessageLog messages;
    private final IdGenerator ids;
    private final Clock clock;
    private final Outbox outbox;
    private final WebhookRelay relay;

    public RecordIdentitySignalService(Transactions transactions, Contacts contacts, ContactStore store, BusinessStore businesses,
                                       WebhookReceipts receipts, MessageLog messages, IdGenerator ids, Clock clock, Outbox outbox,
                                       WebhookRelay relay) {
        this.transactions = transactions;
        this.contacts = contacts;
        this.store = store;
        this.businesses = businesses;
        this.receipts = receipts;
        this.messages = messages;
        this.ids = ids;
        this.clock = clock;
        this.outbox = outbox;
        this.relay = relay;
    }

    @Override
    public List<Outcome> record(List<Signal> signals) {
        return record(signals, List.of());
    }

    @Override
    public List<Outcome> record(List<Signal> signals, List<Relay> relays) {
        List<Map.Entry<Relay, String>> relayed = new ArrayList<>();
        if (relay.enabled()) {
            relays.forEach(part -> relay.destination(part.business()).ifPresent(destination -> relayed.add(Map.entry(part, destination))));
        }
        if (signals.isEmpty() && relayed.isEmpty()) {
            return List.of();
        }
        // Concurrent webhooks commit together (group commit); each is answered after its commit.
        return transactions.inTransaction(() -> {
            Instant now = clock.now();
            List<Outcome> outcomes = new ArrayList<>(signals.size());
            for (Signal signal : signals) {
                if (signal.receiptKey().isPresent() && !receipts.record(signal.receiptKey().get(), now)) {
                    outcomes.add(Outcome.DUPLICATE);
                    continue;
                }
                outcomes.add(apply(signal, businesses.findOrUnknown(signal.business()), now));
            }
            for (Map.Entry<Relay, String> part : relayed) {
                Relay webhook = part.getKey();
                outbox.enqueue(OutboxEntry.relay(ids.newId("rly"), webhook.business(), part.getValue(), webhook.body(),
                        webhook.business().map(b -> TrustHeader.of(store, b, webhook.named())).orElse(""), now));
            }
            return outcomes;
        });
    }

    private Outcome apply(Signal signal, BusinessNumber business, Instant now) {
        switch (signal.kind()) {
            case NUMBER_CHANGED:
                return numberChanged(signal, business, now);
            case USER_ID_CHANGED:
                List<CustomerName> together = new ArrayList<>(signal.names().all());
                together.addAll(signal.newNames().all());
                Contacts.Attached renamed = contacts.attach(signal.business(), together, signal.names().with(signal.newNames()),
                        business, now, signal.asOf());
                contacts.finish(renamed, new CommandResult.Ignored("renamed"), now);
                return Outcome.APPLIED;
            default:
                break;
        }
        List<CustomerName> together = new ArrayList<>(signal.names().all());
        Optional<SentMessage> refused = signal.whatsappMessageId().flatMap(messages::findSentByWhatsAppId);
        // the name the refused message was delivered to is the addressee the status names: one user
        refused.filter(m -> m.contact().business().equals(signal.business()))
                .ifPresent(m -> together.add(m.recipient().addressed()));
        if (together.isEmpty()) {
            // a refusal of a message trustgate never sent, naming nobody it can read: nothing to block
            return Outcome.IGNORED;
        }
        Contacts.Attached attached = contacts.attach(signal.business(), together, signal.names(), business, now, signal.asOf());
        ContactTrust contact = attached.contact();
        ChangeId changeId = new ChangeId(ids.newId("chg"));
        CommandResult result = switch (signal.kind()) {
            case OBSERVED -> contact.identitySeen(signal.hash().orElseThrow(), signal.asOf(), signal.source(), changeId, business, now);
            case CHANGED -> contact.identityChanged(signal.hash(), signal.asOf(), signal.source(), changeId, business, now);
            case SEND_REFUSED -> contact.identityChanged(refusedIdentity(signal, refused), signal.asOf(), signal.source(),
                    changeId, business, now);
            default -> new CommandResult.Ignored("names only");
        };
        return contacts.finish(attached, result, now) ? Outcome.APPLIED : Outcome.IGNORED;
    }

    /**
     * {@code user_changed_number}: the customer's contact (found by the old names, merged with any contact the
     * new names already had) moves to the new number; the old number becomes a contact of its own, blocked
     * with an unknown identity, since it may be given to a stranger.
     */
    private Outcome numberChanged(Signal signal, BusinessNumber business, Instant now) {
        Optional<WaId> oldNumber = signal.names().waId();
        List<CustomerName> candidates = new ArrayList<>(new LinkedHashSet<>(signal.names().all()));
        oldNumber.ifPresent(n -> PhoneAliases.of(n).forEach(a -> {
            if (!candidates.contains(a)) {
                candidates.add(a);
            }
        }));
        Contacts.Locked before = contacts.lock(signal.business(), candidates);
        if (before.contacts().isEmpty()) {
            // trustgate never knew the customer: nothing moves, and nothing was sent to the old number
            contacts.finish(contacts.attach(signal.business(), signal.newNames().all(), signal.newNames(), business, now,
                    signal.asOf()), new CommandResult.Ignored("nothing to move"), now);
            return Outcome.IGNORED;
        }
        List<ContactTrust> same = new ArrayList<>(before.contacts());
        same.addAll(contacts.lock(signal.business(), signal.newNames().all()).contacts());
        ContactTrust person = contacts.merge(distinct(same), business, now);
        Optional<ContactKey> detachedKey = oldNumber.map(n -> contacts.newKey(signal.business()));
        oldNumber.ifPresent(n -> contacts.detach(person.key(), n));
        person.numberChanged(signal.newNames(), detachedKey.map(ContactKey::id), now).changed()
                .ifPresent(changed -> contacts.store(Optional.of(person), changed));
        detachedKey.ifPresent(key -> {
            contacts.store(Optional.empty(), ContactTrust.detachedNumber(key, oldNumber.get(), new ChangeId(ids.newId("chg")),
                    signal.asOf(), now));
            store.recordDeparture(key, person.key(), signal.asOf());
        });
        return Outcome.APPLIED;
    }

    private static List<ContactTrust> distinct(List<ContactTrust> contacts) {
        Map<ContactKey, ContactTrust> byKey = new java.util.LinkedHashMap<>();
        contacts.forEach(c -> byKey.putIfAbsent(c.key(), c));
        return List.copyOf(byKey.values());
    }

    /** The identity a 137000 points to: the status's hash when it differs from the pin, else unknown. */
    private static Optional<IdentityHash> refusedIdentity(Signal signal, Optional<SentMessage> refused) {
        Optional<IdentityHash> pin = refused.flatMap(SentMessage::pin);
        if (signal.hash().isPresent() && !signal.hash().equals(pin)) {
            return signal.hash();
        }
        return Optional.empty();
    }
}
