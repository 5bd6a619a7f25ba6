package dev.trustgate.application.service;

import dev.trustgate.application.Caller;
import dev.trustgate.application.ErrorCode;
import dev.trustgate.application.TrustgateException;
import dev.trustgate.application.port.out.MessageLog;
import dev.trustgate.domain.HeldMessage;
import dev.trustgate.domain.HeldMessageResult;
import java.util.Locale;
import java.util.Map;

/**
 * Finds a held message the caller may act on, keeping business numbers apart, and stores what a command on it
 * decided: a release or discard applies once, whoever races it.
 */
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
        if (!held.held()) {
            throw alreadyResolved(held.status());
        }
        return held;
    }

    /**
     * Stores what releasing or discarding {@code held} decided, in the caller's transaction, only if the message is
     * still held: a racing release or discard that got there first wins, and this one is refused (so it rolls back,
     * and never forwards).
     *
     * @param resolution {@code held} released or discarded
     * @return the message resolved, with the events that caused
     * @throws TrustgateException conflict naming what became of the message
     */
    static HeldMessageResult.Changed resolve(MessageLog messages, HeldMessage held, HeldMessageResult resolution) {
        HeldMessageResult.Changed resolved = resolution.fold(changed -> changed, rejected -> {
            throw alreadyResolved(rejected.status());
        });
        if (!messages.resolve(resolved.message())) {
            throw messages.findHeld(held.id()).map(m -> alreadyResolved(m.status()))
                    .orElseGet(() -> TrustgateException.notFound("held message"));
        }
        return resolved;
    }

    private static TrustgateException alreadyResolved(HeldMessage.Status status) {
        if (status == HeldMessage.Status.HELD) {
            // released by another request meanwhile, and held again because WhatsApp did not get it
            return new TrustgateException(ErrorCode.CONFLICT, "the message changed while this request was applied; try again");
        }
        String name = status.name().toLowerCase(Locale.ROOT);
        return new TrustgateException(ErrorCode.CONFLICT, "the message was already " + name, Map.of("status", name));
    }
}
