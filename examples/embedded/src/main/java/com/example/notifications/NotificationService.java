package com.example.notifications;

import dev.trustgate.application.Caller;
import dev.trustgate.application.port.in.RecordIdentitySignalUseCase;
import dev.trustgate.application.port.in.RecordIdentitySignalUseCase.Kind;
import dev.trustgate.application.port.in.RecordIdentitySignalUseCase.Signal;
import dev.trustgate.application.port.in.SendMessageUseCase;
import dev.trustgate.application.port.in.SendMessageUseCase.OnBlocked;
import dev.trustgate.domain.BlockReason;
import dev.trustgate.domain.BusinessNumberId;
import dev.trustgate.domain.ContactNames;
import dev.trustgate.domain.IdentityHash;
import dev.trustgate.domain.Recipient;
import dev.trustgate.domain.SignalSource;
import dev.trustgate.domain.WaId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The product: a notification service that tells a bank's customers on WhatsApp that a statement is ready or
 * a payment went out. It is not trustgate; it uses two of trustgate's use cases. Every notification passes
 * trustgate's gate, so none reaches a customer whose WhatsApp identity changed until the bank acknowledged
 * the change, and sensitive ones only reach customers the bank authenticated. What WhatsApp's webhooks say
 * about identities (which the service receives and parses with its own HTTP stack) goes to trustgate as
 * identity signals.
 */
public final class NotificationService {

    /** What became of one notification. */
    public sealed interface Delivery {
        /** WhatsApp accepted it, pinned to the identity trustgate decided (WhatsApp refuses it if that changed). */
        record Sent(String whatsappMessageId, Optional<IdentityHash> pinnedTo) implements Delivery {
        }

        /** trustgate's gate kept it back. */
        record Withheld(BlockReason reason) implements Delivery {
        }

        /** WhatsApp refused it; nothing was delivered. */
        record Refused(String why) implements Delivery {
        }
    }

    private final SendMessageUseCase gate;
    private final RecordIdentitySignalUseCase identitySignals;
    private final BusinessNumberId from;
    private final Caller service;

    /**
     * @param from    the bank's WhatsApp business number
     * @param service who the service acts as in trustgate's audit trail
     */
    public NotificationService(SendMessageUseCase gate, RecordIdentitySignalUseCase identitySignals, BusinessNumberId from,
                               Caller service) {
        this.gate = gate;
        this.identitySignals = identitySignals;
        this.from = from;
        this.service = service;
    }

    /** Sends {@code text} to {@code customer} if trustgate's gate allows it; {@code sensitive} needs an authenticated customer. */
    public Delivery notify(WaId customer, String text, boolean sensitive) {
        String message = "{\"messaging_product\":\"whatsapp\",\"recipient_type\":\"individual\",\"to\":\"" + customer.value()
                + "\",\"type\":\"text\",\"text\":{\"body\":\"" + jsonText(text) + "\"}}";
        return gate.send(new SendMessageUseCase.Command(service, from, Recipient.of(customer), message, sensitive, OnBlocked.REJECT))
                .fold(sent -> new Delivery.Sent(sent.messageId(), sent.pin()),
                        refused -> new Delivery.Refused(refused.message()),
                        blocked -> new Delivery.Withheld(blocked.reason()),
                        held -> new Delivery.Withheld(held.reason()));
    }

    /**
     * A customer's message arrived through WhatsApp's webhook carrying their identity hash
     * ({@code contacts[].identity_key_hash}): the first one is the customer's baseline, a different one later is an
     * identity change. A webhook delivered twice counts once (by the message id).
     */
    public void customerWrote(WaId customer, String whatsappMessageId, IdentityHash identity, Instant at) {
        identitySignals.record(List.of(Signal.of(Optional.of(from.value() + ":" + whatsappMessageId), from, ContactNames.of(customer),
                Kind.OBSERVED, Optional.of(identity), at, SignalSource.WHATSAPP_MESSAGE, Optional.empty())));
    }

    private static String jsonText(String text) {
        StringBuilder escaped = new StringBuilder(text.length() + 16);
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> escaped.append("\\\"");
                case '\\' -> escaped.append("\\\\");
                case '\n' -> escaped.append("\\n");
                case '\r' -> escaped.append("\\r");
                case '\t' -> escaped.append("\\t");
                default -> {
                    if (c < 0x20) {
                        escaped.append(String.format("\\u%04x", (int) c));
                    } else {
                        escaped.append(c);
                    }
                }
            }
        }
        return escaped.toString();
    }
}
