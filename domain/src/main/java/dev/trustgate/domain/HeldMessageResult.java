package dev.trustgate.domain;

import java.util.List;
import java.util.function.Function;

/** What a command on a {@link HeldMessage} did: changed it (with the events that caused), or refused. */
public sealed interface HeldMessageResult {

    /** Folds this result: {@code changed} or {@code rejected}, whichever it is. */
    <T> T fold(Function<Changed, T> changed, Function<Rejected, T> rejected);

    /** The message as the command left it, and the events the command caused, in order. */
    record Changed(HeldMessage message, List<TrustEvent> events) implements HeldMessageResult {
        public Changed {
            Validation.notNull("message", message);
            events = List.copyOf(events);
        }

        @Override
        public <T> T fold(Function<Changed, T> changed, Function<Rejected, T> rejected) {
            return changed.apply(this);
        }
    }

    /** The command is refused: the message is {@code status} and stays so. */
    record Rejected(HeldMessage.Status status, String detail) implements HeldMessageResult {
        public Rejected {
            Validation.notNull("status", status);
        }

        @Override
        public <T> T fold(Function<Changed, T> changed, Function<Rejected, T> rejected) {
            return rejected.apply(this);
        }
    }
}
