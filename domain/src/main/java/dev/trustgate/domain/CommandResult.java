package dev.trustgate.domain;

import java.util.List;

/** What a command on {@link ContactTrust} did: changed it, left it alone on purpose, or refused. */
public sealed interface CommandResult {

    /** The contact's new state and the events the command caused, in order. */
    record Changed(ContactTrust contact, List<TrustEvent> events) implements CommandResult {
        public Changed {
            Validation.notNull("contact", contact);
            events = List.copyOf(events);
        }
    }

    /** Nothing to do: a late, reordered or repeated signal. No event, no new version. */
    record Ignored(String why) implements CommandResult {
    }

    /** The command is refused; the contact is unchanged. */
    record Rejected(RejectionReason reason, String detail) implements CommandResult {
        public Rejected {
            Validation.notNull("reason", reason);
        }
    }
}
