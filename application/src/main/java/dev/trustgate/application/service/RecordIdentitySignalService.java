package dev.trustgate.application.service;

import dev.trustgate.application.port.in.RecordIdentitySignalUseCase;
import dev.trustgate.application.port.out.Clock;
import dev.trustgate.application.port.out.IdGenerator;
import dev.trustgate.application.port.out.MessageLog;
import dev.trustgate.application.port.out.SentMessage;
import dev.trustgate.application.port.out.WebhookReceipts;
import dev.trustgate.domain.ChangeId;
import dev.trustgate.domain.CommandResult;
import dev.trustgate.domain.IdentityHash;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Turns identity signals into trust changes (DESIGN §4): a first hash is the baseline, a different
 * one a change, an explicit notice a change (to an unknown identity when it names none), and a
 * 137000 refusal a change to the status's hash when it differs from the message's pin, otherwise
 * to an unknown identity. A whole batch commits together; a receipt key already seen is skipped.
 */
public final class RecordIdentitySignalService implements RecordIdentitySignalUseCase {

    private final Retry retry;
    private final ContactCommands commands;
    private final WebhookReceipts receipts;
    private final MessageLog messages;
    private final IdGenerator ids;
    private final Clock clock;

    public RecordIdentitySignalService(Retry retry, ContactCommands commands, WebhookReceipts receipts, MessageLog messages,
                                       IdGenerator ids, Clock clock) {
        this.retry = retry;
        this.commands = commands;
        this.receipts = receipts;
        this.messages = messages;
        this.ids = ids;
        this.clock = clock;
    }

    @Override
    public List<Outcome> record(List<Signal> signals) {
        if (signals.isEmpty()) {
            return List.of();
        }
        return retry.inTransaction(() -> {
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
            return outcomes;
        });
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
