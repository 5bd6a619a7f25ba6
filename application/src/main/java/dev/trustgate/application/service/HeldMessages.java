package dev.trustgate.application.service;

import dev.trustgate.application.Caller;
import dev.trustgate.application.ErrorCode;
import dev.trustgate.application.TrustgateException;
import dev.trustgate.application.port.out.HeldMessage;
import dev.trustgate.application.port.out.MessageLog;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Finds a held message the caller may act on, keeping business numbers apart, and resolves it once. */
final class HeldMessages {

    private HeldMessages() {
    }

    /**
     * The message {@code id}, still held.
     *
     * @throws TrustgateException not_found when the caller may not see it; conflict when it was released or discarded
     */
    static HeldMessage findHeld(MessageLog messages, Caller caller, String id) {
        HeldMessage held = messages.findHeld(id)
                .filter(m -> caller.maySee(m.contact().business()))
                .orElseThrow(() -> TrustgateException.notFound("held message"));
        if (held.status() != HeldMessage.Status.HELD) {
            throw alreadyResolved(held);
        }
        return held;
    }

    /**
     * Releases or discards {@code held} in the caller's transaction, only if it is still held: a racing release
     * or discard that got there first wins, and this one is refused (so it rolls back, and never forwards).
     *
     * @throws TrustgateException conflict naming what became of the message
     */
    static HeldMessage resolve(MessageLog messages, HeldMessage held, HeldMessage.Status outcome, Optional<String> sentMessageId,
                               Instant at) {
        if (!messages.resolve(held.id(), outcome, sentMessageId, at)) {
            throw messages.findHeld(held.id()).map(HeldMessages::alreadyResolved)
                    .orElseGet(() -> TrustgateException.notFound("held message"));
        }
        return held.resolved(outcome, sentMessageId, at);
    }

    private static TrustgateException alreadyResolved(HeldMessage held) {
        if (held.status() == HeldMessage.Status.HELD) {
            // released by another request meanwhile, and held again because WhatsApp did not get it
            return new TrustgateException(ErrorCode.CONFLICT, "the message changed while this request was applied; try again");
        }
        String status = held.status().name().toLowerCase(Locale.ROOT);
        return new TrustgateException(ErrorCode.CONFLICT, "the message was already " + status, Map.of("status", status));
    }
}
