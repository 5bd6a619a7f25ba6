package dev.trustgate.domain;

import java.util.Optional;
import java.util.function.Function;

/** The gate's answer for one send: allowed with the identity it must be pinned to, or blocked. */
public sealed interface SendDecision {

    /** Hands this decision to the function for its kind (see {@link CommandResult#fold}). */
    <R> R fold(Function<? super Allowed, ? extends R> allowed, Function<? super Blocked, ? extends R> blocked);

    /** Send it, pinned to {@code pin} when present (WhatsApp then refuses delivery to another identity). */
    record Allowed(Optional<IdentityHash> pin) implements SendDecision {
        public Allowed {
            Validation.notNull("pin", pin);
        }

        @Override
        public <R> R fold(Function<? super Allowed, ? extends R> allowed, Function<? super Blocked, ? extends R> blocked) {
            return allowed.apply(this);
        }
    }

    /** Do not send. */
    record Blocked(BlockReason reason) implements SendDecision {
        public Blocked {
            Validation.notNull("reason", reason);
        }

        @Override
        public <R> R fold(Function<? super Allowed, ? extends R> allowed, Function<? super Blocked, ? extends R> blocked) {
            return blocked.apply(this);
        }
    }

    default boolean allowed() {
        return fold(a -> true, b -> false);
    }
}
