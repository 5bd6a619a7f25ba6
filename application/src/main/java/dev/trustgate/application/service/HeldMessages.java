package dev.trustgate.application.service;

import dev.trustgate.application.Caller;
import dev.trustgate.application.ErrorCode;
import dev.trustgate.application.TrustgateException;
import dev.trustgate.application.port.out.HeldMessage;
import dev.trustgate.application.port.out.MessageLog;
import java.util.Locale;

/** Finds a held message the caller may act on, keeping business numbers apart. */
final class HeldMessages {

    private HeldMessages() {
    }

    static HeldMessage findHeld(MessageLog messages, Caller caller, String id) {
        HeldMessage held = messages.findHeld(id)
                .filter(m -> caller.maySee(m.contact().business()))
                .orElseThrow(() -> TrustgateException.notFound("held message"));
        if (held.status() != HeldMessage.Status.HELD) {
            throw new TrustgateException(ErrorCode.CONFLICT,
                    "the message was already " + held.status().name().toLowerCase(Locale.ROOT));
        }
        return held;
    }
}
