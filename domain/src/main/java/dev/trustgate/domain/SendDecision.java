package dev.trustgate.domain;

import java.util.Optional;

/** The gate's answer for one send: allowed with the identity it must be pinned to, or blocked. */
public sealed interface SendDecision {

    /** Send it, pinned to {@code pin} when present (WhatsApp then refuses delivery to another identity). */
    record Allowed(Optional<IdentityHash> pin) implements SendDecision {
        public Allowed {
            Validation.notNull("pin", pin);
        }
    }

    /** Do not send. */
    record Blocked(BlockReason reason) implements SendDecision {
        public Blocked {
            Validation.notNull("reason", reason);
        }
    }

    default boolean allowed() {
        return this instanceof Allowed;
    }
}
