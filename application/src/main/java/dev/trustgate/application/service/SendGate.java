package dev.trustgate.application.service;

import dev.trustgate.application.ErrorCode;
import dev.trustgate.application.TrustgateException;
import dev.trustgate.application.port.in.SendMessageUseCase.Result;
import dev.trustgate.application.port.out.BusinessStore;
import dev.trustgate.application.port.out.Clock;
import dev.trustgate.application.port.out.ContactStore;
import dev.trustgate.application.port.out.MessageLog;
import dev.trustgate.application.port.out.SentMessage;
import dev.trustgate.application.port.out.WhatsAppGateway;
import dev.trustgate.application.port.out.WhatsAppGateway.SendOutcome;
import dev.trustgate.domain.BusinessNumber;
import dev.trustgate.domain.ContactKey;
import dev.trustgate.domain.ContactTrust;
import dev.trustgate.domain.SendDecision;
import java.util.Map;
import java.util.Optional;

/**
 * The two halves of every send: the decision, taken on the locked contact row inside the caller's
 * transaction and recorded with its pin; and the forwarding to WhatsApp after that commit, whose
 * outcome is recorded in a transaction of its own. Shared by sending and releasing held messages.
 */
final class SendGate {

    private final Transactional retry;
    private final ContactStore contacts;
    private final BusinessStore businesses;
    private final MessageLog messages;
    private final WhatsAppGateway gateway;
    private final Clock clock;

    SendGate(Transactional retry, ContactStore contacts, BusinessStore businesses, MessageLog messages, WhatsAppGateway gateway,
             Clock clock) {
        this.retry = retry;
        this.contacts = contacts;
        this.businesses = businesses;
        this.messages = messages;
        this.gateway = gateway;
        this.clock = clock;
    }

    /** Inside a transaction: what the gate decides for a send to {@code key} now. */
    SendDecision decide(ContactKey key, boolean sensitive) {
        BusinessNumber business = businesses.findOrUnknown(key.business());
        ContactTrust contact = contacts.findForUpdate(key).orElseGet(() -> ContactTrust.newContact(key));
        return contact.sendDecision(business, sensitive);
    }

    /** Inside a transaction: records an allowed send before it leaves. */
    SentMessage recordDecision(String id, ContactKey key, SendDecision.Allowed allowed, boolean sensitive) {
        SentMessage message = new SentMessage(id, key, allowed.pin(), sensitive, clock.now(), SentMessage.Status.SENDING,
                Optional.empty());
        messages.saveSent(message);
        return message;
    }

    /**
     * Forwards a recorded send to WhatsApp with its pin and records what became of it.
     *
     * @param onNotSent runs in the outcome's transaction when WhatsApp certainly did not get the message
     */
    Result forward(SentMessage message, String body, Runnable onNotSent) {
        SendOutcome outcome = gateway.send(message.contact().business(), body, message.pin());
        if (outcome instanceof SendOutcome.Sent sent) {
            record(message.withOutcome(SentMessage.Status.SENT, Optional.of(sent.messageId())), () -> { });
            return new Result.Sent(sent.messageId(), message.pin(), sent.status(), sent.body());
        }
        if (outcome instanceof SendOutcome.Refused refused) {
            record(message.withOutcome(SentMessage.Status.REFUSED, Optional.empty()), onNotSent);
            return new Result.RefusedUpstream(refused.status(), refused.body(), refused.error().message());
        }
        SendOutcome.Unavailable unavailable = (SendOutcome.Unavailable) outcome;
        if (unavailable.mayHaveBeenSent()) {
            record(message.withOutcome(SentMessage.Status.UNKNOWN, Optional.empty()), () -> { });
        } else {
            record(message.withOutcome(SentMessage.Status.REFUSED, Optional.empty()), onNotSent);
        }
        throw new TrustgateException(ErrorCode.UPSTREAM_ERROR, "WhatsApp did not answer: " + unavailable.reason(),
                Map.of("timedOut", unavailable.timedOut(), "mayHaveBeenSent", unavailable.mayHaveBeenSent()));
    }

    private void record(SentMessage message, Runnable alsoInTransaction) {
        retry.inTransaction(() -> {
            messages.saveSent(message);
            alsoInTransaction.run();
            return null;
        });
    }
}
