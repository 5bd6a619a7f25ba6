package dev.trustgate.application.port.in;

import dev.trustgate.domain.CommandResult;
import java.util.function.Function;

/**
 * What a command on a contact did, answered with the contact as the command's own transaction left it: nobody
 * reads it again to answer, so the answer never shows a later change, and one transaction does the lot.
 */
public sealed interface ContactCommandResult {

    /** Hands this result to the function for its kind (see {@link CommandResult#fold}). */
    <R> R fold(Function<? super Changed, ? extends R> changed, Function<? super Ignored, ? extends R> ignored,
               Function<? super Rejected, ? extends R> rejected);

    /** The command changed the contact; {@code view} shows it as changed. */
    record Changed(ContactTrustView view) implements ContactCommandResult {
        public Changed {
            if (view == null) {
                throw new IllegalArgumentException("a change shows the contact it changed");
            }
        }

        @Override
        public <R> R fold(Function<? super Changed, ? extends R> changed, Function<? super Ignored, ? extends R> ignored,
                          Function<? super Rejected, ? extends R> rejected) {
            return changed.apply(this);
        }
    }

    /** The command had nothing to do ({@code why}): nothing was stored and no event recorded; {@code view} is the contact as it is. */
    record Ignored(ContactTrustView view, String why) implements ContactCommandResult {
        public Ignored {
            if (view == null) {
                throw new IllegalArgumentException("an ignored command shows the contact it left alone");
            }
        }

        @Override
        public <R> R fold(Function<? super Changed, ? extends R> changed, Function<? super Ignored, ? extends R> ignored,
                          Function<? super Rejected, ? extends R> rejected) {
            return ignored.apply(this);
        }
    }

    /** The contact refused the command ({@code rejection} says why, in fields); nothing changed. */
    record Rejected(CommandResult.Rejected rejection) implements ContactCommandResult {
        public Rejected {
            if (rejection == null) {
                throw new IllegalArgumentException("a rejection says why");
            }
        }

        @Override
        public <R> R fold(Function<? super Changed, ? extends R> changed, Function<? super Ignored, ? extends R> ignored,
                          Function<? super Rejected, ? extends R> rejected) {
            return rejected.apply(this);
        }
    }
}
