package dev.trustgate.application.service;

import dev.trustgate.application.port.in.RecordIdentitySignalUseCase;
import dev.trustgate.application.port.out.Clock;
import dev.trustgate.application.port.out.IdGenerator;
import dev.trustgate.application.port.out.ContactStore;
import dev.trustgate.application.port.out.MessageLog;
import dev.trustgate.application.port.out.Outbox;
import dev.trustgate.application.port.out.OutboxEntry;
import dev.trustgate.application.port.out.WebhookRelay;
import dev.trustgate.application.port.out.SentMessage;
import dev.trustgate.application.port.out.WebhookReceipts;
import dev.trustgate.domain.ChangeId;
import dev.trustgate.domain.CommandResult;
import dev.trustgate.domain.ContactKey;
import dev.trustgate.domain.TrustState;
import dev.trustgate.domain.IdentityHash;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Turns identity signals into trust changes (DESIGN §4): a first hash is the baseline, a different
 * one a change, an explicit notice a change (to an unknown identity when it names none), and a
 * 137000 refusal a change to the status's hash when it differs from the message's pin, otherwise
 * to an unknown identity. A whole batch commits together; a receipt key already seen is skipped.
 */
public final class RecordIdentitySignalService implements RecordIdentitySignalUseCase {

    private final Transactional transactions;
    private final ContactCommands commands;
    private final WebhookReceipts receipts;
    private final MessageLog messages;
    private final IdGenerator ids;
    private final Clock clock;
    private final ContactStore contacts;
    private final Outbox outbox;
    private final WebhookRelay relay;

    public RecordIdentitySignalService(Transactional transactions, ContactCommands commands, WebhookReceipts receipts, MessageLog messages,
                                       IdGenerator ids, Clock clock, ContactStore contacts, Outbox outbox, WebhookRelay relay) {
        this.contacts = contacts;
        this.outbox = outbox;
        this.relay = relay;
        this.transactions = transactions;
        this.commands = commands;
        this.receipts = receipts;
        this.messages = messages;
        this.ids = ids;
        this.clock = clock;
    }

    @Override
    public List<Outcome> record(List<Signal> signals) {
        return record(signals, Optional.empty());
    }

    @Override
    public List<Outcome> record(List<Signal> signals, Optional<Relay> relay) {
        boolean relayed = relay.isPresent() && this.relay.enabled();
        if (signals.isEmpty() && !relayed) {
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
                CommandResult result = commands.applyCreatingContact(signal.contact(), (contact, business) -> {
                    ChangeId changeId = new ChangeId(ids.newId("chg"));
                    return switch (signal.kind()) {
                        case OBSERVED -> contact.identitySeen(signal.hash().orElseThrow(), signal.asOf(), signal.source(),
                                changeId, business, now);
                        case CHANGED -> contact.identityChanged(signal.hash(), signal.asOf(), signal.source(), changeId,
                                business, now);
                        case SEND_REFUSED -> contact.identityChanged(refusedIdentity(signal), signal.asOf(), signal.source(),
                                changeId, business, now);
                    };
                });
                outcomes.add(result instanceof CommandResult.Changed ? Outcome.APPLIED : Outcome.IGNORED);
            }
            if (relayed) {
                outbox.enqueue(OutboxEntry.relay(ids.newId("rly"), relay.get().business(), relay.get().rawBody(),
                        trustHeader(relay.get().named()), now));
            }
            return outcomes;
        });
    }

    /** {@code <waId>=<STATE>,…} for the contacts a webhook names, as they stand after it was applied. */
    private String trustHeader(List<ContactKey> named) {
        return named.stream().distinct().map(key -> key.waId().value() + "=" + contacts.find(key)
                .map(c -> c.state().name()).orElse(TrustState.UNVERIFIED.name())).collect(Collectors.joining(","));
    }

    /** The identity a 137000 points to: the status's hash when it differs from the pin, else unknown. */
    private Optional<IdentityHash> refusedIdentity(Signal signal) {
        Optional<IdentityHash> pin = messages.findSentByWhatsAppId(signal.whatsappMessageId().orElseThrow())
                .flatMap(SentMessage::pin);
        if (signal.hash().isPresent() && !signal.hash().equals(pin)) {
            return signal.hash();
        }
        return Optional.empty();
    }
}
