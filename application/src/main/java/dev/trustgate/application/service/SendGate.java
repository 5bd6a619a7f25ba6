package dev.trustgate.application.service;

import dev.trustgate.application.ErrorCode;
import dev.trustgate.application.TrustgateException;
import dev.trustgate.application.port.in.SendMessageUseCase.Result;
import dev.trustgate.application.port.out.BusinessStore;
import dev.trustgate.application.port.out.Clock;
import dev.trustgate.application.port.out.MessageLog;
import dev.trustgate.application.port.out.SentMessage;
import dev.trustgate.application.port.out.Transactions;
import dev.trustgate.application.port.out.WhatsAppGateway;
import dev.trustgate.application.port.out.WhatsAppGateway.SendOutcome;
import dev.trustgate.domain.BlockReason;
import dev.trustgate.domain.BusinessNumber;
import dev.trustgate.domain.BusinessNumberId;
import dev.trustgate.domain.ContactNames;
import dev.trustgate.domain.ContactTrust;
import dev.trustgate.domain.CustomerName;
import dev.trustgate.domain.PhoneAliases;
import dev.trustgate.domain.Recipient;
import dev.trustgate.domain.SendDecision;
import dev.trustgate.domain.TrustEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The two halves of every send: the decision, taken on the locked rows of every contact the recipient's
 * names lead to, inside the caller's transaction, and recorded with its pin; and the forwarding to WhatsApp
 * after that commit, whose outcome (and the names WhatsApp answered with) is recorded in a transaction of
 * its own. Both commit together with concurrent callers' work where the composition groups commits; each
 * caller goes on only after its commit. Shared by sending and releasing held messages.
 */
final class SendGate {

    /** What the gate decided, and for which contact: the one WhatsApp will deliver to. */
    record Decision(ContactTrust contact, SendDecision decision) {
    }

    private final Transactions outcomes;
    private final Contacts contacts;
    private final BusinessStore businesses;
    private final MessageLog messages;
    private final WhatsAppGateway gateway;
    private final EventPublisher publisher;
    private final Clock clock;

    /** @param outcomes what the outcome of a send is recorded in, after WhatsApp answered */
    SendGate(Transactions outcomes, Contacts contacts, BusinessStore businesses, MessageLog messages, WhatsAppGateway gateway,
             EventPublisher publisher, Clock clock) {
        this.publisher = publisher;
        this.outcomes = outcomes;
        this.contacts = contacts;
        this.businesses = businesses;
        this.messages = messages;
        this.gateway = gateway;
        this.clock = clock;
    }

    /**
     * Refuses, before anything is decided or recorded, a message the configured provider cannot carry, with
     * {@code unsupported_message_type} naming its type.
     */
    void requireCarried(String messageJson) {
        gateway.unsupportedMessageType(messageJson).ifPresent(type -> {
            String provider = gateway.capabilities().provider();
            throw new TrustgateException(ErrorCode.UNSUPPORTED_MESSAGE_TYPE, "the configured WhatsApp provider (" + provider
                    + ") cannot carry messages of type " + type, Map.of("type", type, "provider", provider));
        });
    }

    /**
     * Inside a transaction: what the gate decides for a send to {@code to} now. Every contact that {@code to},
     * its aliases or {@code recipient} belongs to is locked and asked; if any refuses, the send is refused.
     * The message is for the contact WhatsApp delivers to ({@code to} when given: a number nobody has is a
     * new, unverified contact, whoever {@code recipient} names), and pinned to that contact's identity.
     */
    Decision decide(BusinessNumberId from, Recipient to, boolean sensitive) {
        BusinessNumber business = businesses.findOrUnknown(from);
        Contacts.Locked locked = contacts.lock(from, to.candidates());
        ContactTrust addressed = addressee(locked, to)
                .orElseGet(() -> contacts.create(from, ContactNames.of(to.addressed()), clock.now()));
        SendDecision decision = addressed.sendDecision(business, sensitive);
        for (ContactTrust other : locked.contacts()) {
            if (!other.key().equals(addressed.key())) {
                SendDecision sofar = decision;
                decision = other.sendDecision(business, sensitive).fold(allowed -> sofar, blocked -> stricter(sofar, blocked));
            }
        }
        return new Decision(addressed, decision);
    }

    /**
     * The contact WhatsApp delivers to: when {@code to} is given, its own (by the number, else a spelling of
     * it) — never {@code recipient}'s, whose trust must not vouch for whoever has that number; else
     * {@code recipient}'s.
     */
    private static Optional<ContactTrust> addressee(Contacts.Locked locked, Recipient to) {
        List<CustomerName> order = to.to().<List<CustomerName>>map(w -> List.copyOf(PhoneAliases.of(w)))
                .orElseGet(() -> List.of(to.recipient().orElseThrow()));
        return order.stream().map(locked::of).flatMap(Optional::stream).findFirst();
    }

    /** Of an earlier decision and another contact's refusal, the one to answer with. */
    private static SendDecision stricter(SendDecision decision, SendDecision.Blocked other) {
        return decision.fold(allowed -> other,
                blocked -> severity(blocked.reason()) >= severity(other.reason()) ? blocked : other);
    }

    private static int severity(BlockReason reason) {
        return switch (reason) {
            case IDENTITY_CHANGE_UNACKNOWLEDGED -> 2;
            case IDENTITY_UNKNOWN -> 1;
            case NOT_TRUSTED -> 0;
        };
    }

    /** Inside a transaction: records an allowed send before it leaves, with the names it addresses. */
    SentMessage recordDecision(String id, ContactTrust contact, Recipient to, SendDecision.Allowed allowed, boolean sensitive) {
        SentMessage message = new SentMessage(id, contact.key(), to, allowed.pin(), sensitive, clock.now(), contact.identityHash(),
                SentMessage.Status.SENDING, Optional.empty(), false);
        messages.saveSent(message);
        return message;
    }

    /**
     * Forwards a recorded send to WhatsApp with its pin and records what became of it; the names WhatsApp's
     * answer gives the addressee are linked to its contact (merging it with another contact that had them).
     *
     * @param onLeft    runs in the outcome's transaction when WhatsApp accepted the message or may have got it
     * @param onNotSent runs in the outcome's transaction when WhatsApp certainly did not get the message
     */
    Result forward(SentMessage message, Recipient to, String body, Runnable onLeft, Runnable onNotSent) {
        SendOutcome outcome = gateway.send(message.contact().business(), to, body, message.pin());
        return outcome.fold(sent -> {
            outcomes.inTransaction(() -> {
                // the contact first, as every writer takes its locks: the contact's row, then the messages' rows
                Optional<ContactTrust> now = contacts.live(message.contact());
                SentMessage accepted = acrossChange(now, message.withOutcome(SentMessage.Status.SENT, Optional.of(sent.messageId())));
                if (!knownBy(now, to, sent.recipient())) {
                    learn(message.contact().business(), to, sent.recipient());
                }
                onLeft.run();
                messages.saveSent(accepted);
                return null;
            });
            return new Result.Sent(sent.messageId(), message.pin(), sent.status(), sent.body());
        }, refused -> {
            record(message.withOutcome(SentMessage.Status.REFUSED, Optional.empty()), onNotSent);
            return new Result.RefusedUpstream(refused.status(), refused.body(), refused.error().message());
        }, unavailable -> {
            if (unavailable.mayHaveBeenSent()) {
                record(message.withOutcome(SentMessage.Status.UNKNOWN, Optional.empty()), onLeft);
            } else {
                record(message.withOutcome(SentMessage.Status.REFUSED, Optional.empty()), onNotSent);
            }
            throw new TrustgateException(ErrorCode.UPSTREAM_ERROR, "WhatsApp did not answer: " + unavailable.reason(),
                    Map.of("timedOut", unavailable.timedOut(), "mayHaveBeenSent", unavailable.mayHaveBeenSent()));
        });
    }

    /**
     * {@code sent}, marked when an identity change of its contact committed after the decision (the contact
     * is blocked now, or has another identity): the message may have reached the new owner, which the feed
     * says with {@code message.sent_across_change}. {@code now} is the contact as it is now, locked.
     */
    private SentMessage acrossChange(Optional<ContactTrust> now, SentMessage sent) {
        if (now.isEmpty() || (!now.get().blocked() && now.get().identityHash().equals(sent.decidedIdentity()))) {
            return sent;
        }
        publisher.publish(List.of(new TrustEvent.MessageSentAcrossChange(now.get().ref(), clock.now(), sent.id(),
                sent.whatsappMessageId().orElseThrow(), sent.pin())));
        return sent.sentAcrossChange();
    }

    /**
     * Whether the contact the send went to, {@code now}, is already known by the name sent to and every name
     * WhatsApp answered with: then there is nothing to learn (the usual case, every send after the first).
     */
    private static boolean knownBy(Optional<ContactTrust> now, Recipient to, ContactNames answered) {
        if (answered.isEmpty()) {
            return true;
        }
        return now.map(contact -> {
            List<CustomerName> names = contact.names().all();
            return names.contains(to.addressed()) && names.containsAll(answered.all());
        }).orElse(false);
    }

    /** WhatsApp named the addressee {@code answered}: the name sent and the names answered are one user. */
    private void learn(BusinessNumberId business, Recipient to, ContactNames answered) {
        if (answered.isEmpty()) {
            return;
        }
        List<CustomerName> together = new ArrayList<>();
        together.add(to.addressed());
        together.addAll(answered.all());
        Instant now = clock.now();
        contacts.finish(contacts.attach(business, together, answered, businesses.findOrUnknown(business), now, now),
                new dev.trustgate.domain.CommandResult.Ignored("names learned"), now);
    }

    private void record(SentMessage message, Runnable alsoInTransaction) {
        outcomes.inTransaction(() -> {
            messages.saveSent(message);
            alsoInTransaction.run();
            return null;
        });
    }
}
