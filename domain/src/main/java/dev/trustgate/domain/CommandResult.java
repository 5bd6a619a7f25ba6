package dev.trustgate.domain;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/** What a command on {@link ContactTrust} did: changed it, left it alone on purpose, or refused. */
public sealed interface CommandResult {

    /**
     * Hands this result to the function for its kind. Every sealed result in trustgate is taken apart with such a
     * {@code fold} (Java 17 has no pattern matching for {@code switch}): a new kind is a new parameter, so each place
     * that does not handle it fails to compile instead of failing at run time.
     */
    <R> R fold(Function<? super Changed, ? extends R> changed, Function<? super Ignored, ? extends R> ignored,
               Function<? super Rejected, ? extends R> rejected);

    /** The change, when the command made one; empty when it was ignored or refused. */
    default Optional<Changed> changed() {
        return fold(Optional::of, ignored -> Optional.empty(), rejected -> Optional.empty());
    }

    /** The contact's new state and the events the command caused, in order. */
    record Changed(ContactTrust contact, List<TrustEvent> events) implements CommandResult {
        public Changed {
            Validation.notNull("contact", contact);
            events = List.copyOf(events);
        }

        @Override
        public <R> R fold(Function<? super Changed, ? extends R> changed, Function<? super Ignored, ? extends R> ignored,
                          Function<? super Rejected, ? extends R> rejected) {
            return changed.apply(this);
        }
    }

    /** Nothing to do: a late, reordered or repeated signal. No event, no new version. */
    record Ignored(String why) implements CommandResult {

        @Override
        public <R> R fold(Function<? super Changed, ? extends R> changed, Function<? super Ignored, ? extends R> ignored,
                          Function<? super Rejected, ? extends R> rejected) {
            return ignored.apply(this);
        }
    }

    /**
     * The command is refused; the contact is unchanged.
     *
     * @param state            the contact's state when it refused
     * @param expectedStates   the states the command applies in, when the state was what stood in its way (else empty)
     * @param expectedIdentity the identity an acknowledgement must name, when it named another one
     * @param detail           the refusal in words, for people
     */
    record Rejected(RejectionReason reason, TrustState state, Set<TrustState> expectedStates,
                    Optional<IdentityHash> expectedIdentity, String detail) implements CommandResult {
        public Rejected {
            Validation.notNull("reason", reason);
            Validation.notNull("state", state);
            expectedStates = Set.copyOf(expectedStates);
            Validation.notNull("expectedIdentity", expectedIdentity);
            Validation.notNull("detail", detail);
        }

        @Override
        public <R> R fold(Function<? super Changed, ? extends R> changed, Function<? super Ignored, ? extends R> ignored,
                          Function<? super Rejected, ? extends R> rejected) {
            return rejected.apply(this);
        }
    }
}
