package dev.trustgate.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;

/**
 * The invariants trustgate exists for, over random command sequences on one contact (reordered
 * signals, several actors, policy and opt-in changes in between). jqwik prints the seed of a failing
 * run; re-run it with {@code @Property(seed = "...")}.
 */
class ContactTrustPropertiesTest {

    private static final List<Optional<IdentityHash>> HASHES = List.of(
            Optional.of(Fixtures.H1), Optional.of(Fixtures.H2), Optional.of(Fixtures.H3), Optional.empty());
    private static final List<Actor> ACTORS = List.of(Fixtures.ALICE, Fixtures.BOB);
    private static final List<ReauthenticationId> REAUTHS = List.of(
            new ReauthenticationId("r0"), new ReauthenticationId("r1"), new ReauthenticationId("r2"));

    sealed interface Op {
    }

    record Seen(int hash, int skew) implements Op {
    }

    record Changed(int hash, int skew) implements Op {
    }

    record Start(int reauth) implements Op {
    }

    record Cancel(int reauth) implements Op {
    }

    record Result(int reauth, boolean passed) implements Op {
    }

    record Ack(int hash, int actor) implements Op {
    }

    record Override(int actor) implements Op {
    }

    record Authenticated(int actor) implements Op {
    }

    record Revoke(int actor) implements Op {
    }

    record OptIn(boolean in) implements Op {
    }

    record Policy(AcknowledgementPolicy policy) implements Op {
    }

    /** The operator reports a SIM swap at {@code skew} seconds from now (negative: a late notice). */
    record SimSwap(int skew) implements Op {
    }

    record SwapPolicy(SimSwapPolicy policy) implements Op {
    }

    @Provide
    Arbitrary<List<Op>> sequences() {
        Arbitrary<Integer> hash = Arbitraries.integers().between(0, 3);
        Arbitrary<Integer> skew = Arbitraries.integers().between(-40, 5);
        Arbitrary<Integer> actor = Arbitraries.integers().between(0, 1);
        Arbitrary<Integer> reauth = Arbitraries.integers().between(0, 2);
        Arbitrary<Op> op = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, Combinators.combine(hash.filter(h -> h < 3), skew).as(Seen::new)),
                net.jqwik.api.Tuple.of(3, Combinators.combine(hash, skew).as(Changed::new)),
                net.jqwik.api.Tuple.of(2, reauth.map(Start::new)),
                net.jqwik.api.Tuple.of(1, reauth.map(Cancel::new)),
                net.jqwik.api.Tuple.of(2, Combinators.combine(reauth, Arbitraries.of(true, false)).as(Result::new)),
                net.jqwik.api.Tuple.of(4, Combinators.combine(hash.filter(h -> h < 3), actor).as(Ack::new)),
                net.jqwik.api.Tuple.of(1, actor.map(Override::new)),
                net.jqwik.api.Tuple.of(1, actor.map(Authenticated::new)),
                net.jqwik.api.Tuple.of(1, actor.map(Revoke::new)),
                net.jqwik.api.Tuple.of(1, Arbitraries.of(true, false).map(OptIn::new)),
                net.jqwik.api.Tuple.of(1, Arbitraries.of(AcknowledgementPolicy.class).map(Policy::new)),
                net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(-40, 5).map(SimSwap::new)),
                net.jqwik.api.Tuple.of(1, Arbitraries.of(SimSwapPolicy.class).map(SwapPolicy::new)));
        return op.list().ofMinSize(1).ofMaxSize(40);
    }

    @Property(tries = 10_000, shrinking = ShrinkingMode.BOUNDED)
    void theGateHoldsOverAnySequenceOfCommands(@ForAll("sequences") List<Op> ops) {
        ContactTrust contact = ContactTrust.newContact(Fixtures.KEY, Fixtures.NAMES);
        BusinessNumber business = Fixtures.optedIn();
        Optional<Instant> lastSwap = Optional.empty();
        int step = 0;
        for (Op op : ops) {
            step++;
            Instant at = Fixtures.t(step * 10);
            if (op instanceof OptIn optIn) {
                BusinessNumber next = optIn.in() ? business.optIn(at) : business.optOut(at);
                if (contact.blocked()) {
                    assertThat(contact.sendDecision(next, false)).as("opting out releases no pending change").isInstanceOf(SendDecision.Blocked.class);
                }
                business = next;
                continue;
            }
            if (op instanceof Policy policy) {
                business = business.withPolicy(policy.policy());
                continue;
            }
            if (op instanceof SwapPolicy policy) {
                business = business.withSimSwapPolicy(policy.policy());
                continue;
            }
            CommandResult result = op instanceof SimSwap swap
                    ? swap(contact, swap, lastSwap, business, at, step)
                    : apply(contact, op, business, at, step);
            checkStep(contact, op, business, result);
            if (op instanceof SimSwap swap) {
                Instant asOf = at.plusSeconds(swap.skew());
                boolean noLater = lastSwap.filter(last -> !asOf.isAfter(last)).isPresent();
                assertThat(result instanceof CommandResult.Ignored).as("a SIM swap is ignored exactly when no later than the last applied")
                        .isEqualTo(noLater);
                if (!noLater) {
                    lastSwap = Optional.of(asOf);
                }
            }
            if (result instanceof CommandResult.Changed changed) {
                assertThat(changed.contact().version()).isEqualTo(contact.version() + 1);
                contact = changed.contact();
            }
            checkState(contact, business);
        }
    }

    /**
     * Two contacts of one business, each through its own random history, turn out to be one WhatsApp user:
     * whichever absorbs the other, no merge makes a blocked customer sendable or an untrusted one trusted,
     * and the merged contact goes on keeping the gate.
     */
    @Property(tries = 3_000, shrinking = ShrinkingMode.BOUNDED)
    void noMergeMakesABlockedCustomerSendable(@ForAll("sequences") List<Op> first, @ForAll("sequences") List<Op> second,
                                              @ForAll boolean secondAbsorbsFirst, @ForAll("sequences") List<Op> after) {
        BusinessNumber business = Fixtures.optedIn();
        ContactTrust a = run(ContactTrust.newContact(Fixtures.KEY, Fixtures.NAMES), first, business, 0);
        ContactTrust b = Fixtures.asOther(run(ContactTrust.newContact(Fixtures.KEY, Fixtures.NAMES), second, business, 100));
        ContactTrust survivor = secondAbsorbsFirst ? b : a;
        ContactTrust absorbed = secondAbsorbsFirst ? a : b;

        ContactTrust merged = Fixtures.changed(survivor.absorb(absorbed, new ChangeId("chg_merge"), business, Fixtures.t(10_000)));

        if (a.blocked() || b.blocked()) {
            assertThat(merged.blocked()).as("blocked if either was").isTrue();
        }
        if (merged.state() == TrustState.TRUSTED) {
            assertThat(a.state()).as("trusted only if both were").isEqualTo(TrustState.TRUSTED);
            assertThat(b.state()).isEqualTo(TrustState.TRUSTED);
        }
        if (refusesForTrust(a, business) || refusesForTrust(b, business)) {
            assertThat(merged.sendDecision(business, true).allowed()).as("no sensitive send either refused for its trust")
                    .isFalse();
        }
        assertThat(merged.version()).isEqualTo(survivor.version() + 1);
        checkState(merged, business);
        run(merged, after, business, 20_000);
    }

    /**
     * The actions a contact's view offers are exactly the commands that would not be rejected, for every policy and
     * every caller (under four eyes the first acknowledger is not offered the second acknowledgement), given as the
     * view suggests: the pending change's hash, the current re-authentication's id.
     */
    @Property(tries = 3_000, shrinking = ShrinkingMode.BOUNDED)
    void anActionIsOfferedExactlyWhenItsCommandWouldNotBeRejected(@ForAll("sequences") List<Op> ops,
                                                                  @ForAll AcknowledgementPolicy policy) {
        ContactTrust contact = run(ContactTrust.newContact(Fixtures.KEY, Fixtures.NAMES), ops, Fixtures.optedIn(policy), 0);
        BusinessNumber business = Fixtures.optedIn(policy);
        Instant at = Fixtures.t(100_000);
        ReauthenticationId current = contact.reauthentication().map(Reauthentication::id).orElse(new ReauthenticationId("r_none"));
        IdentityHash pending = contact.pendingChange().flatMap(PendingChange::hash).orElse(Fixtures.H1);
        for (Actor caller : ACTORS) {
            Set<ContactAction> offered = contact.allowedActions(business, caller);
            for (ContactAction action : ContactAction.values()) {
                List<CommandResult> results = switch (action) {
                    case START_REAUTHENTICATION -> List.of(contact.startReauthentication(new ReauthenticationId("r_new"), caller, at));
                    case CANCEL_REAUTHENTICATION -> List.of(contact.cancelReauthentication(current, caller, at));
                    case RECORD_REAUTHENTICATION_RESULT -> List.of(
                            contact.reauthenticationResult(current, true, Evidence.NONE, caller, at),
                            contact.reauthenticationResult(current, false, Evidence.NONE, caller, at));
                    case ACKNOWLEDGE_IDENTITY_CHANGE -> List.of(contact.acknowledge(pending, caller, Evidence.NONE, business, at));
                    case OVERRIDE_UNKNOWN_IDENTITY -> List.of(contact.overrideUnknownIdentity(caller, "checked", business, at));
                    case RECORD_AUTHENTICATION -> List.of(contact.authenticated(caller, Evidence.NONE, at));
                    case REVOKE_TRUST -> List.of(contact.revokeTrust(caller, "revoked", at));
                };
                for (CommandResult result : results) {
                    assertThat(offered.contains(action)).as(action + " offered to " + caller + " in " + contact.state()
                            + " under " + policy + ", command answered " + result).isEqualTo(!(result instanceof CommandResult.Rejected));
                }
            }
        }
    }

    /** A sensitive send refused because of the customer's trust (not merely for want of a known identity to pin). */
    private static boolean refusesForTrust(ContactTrust contact, BusinessNumber business) {
        return contact.sendDecision(business, true) instanceof SendDecision.Blocked blocked
                && blocked.reason() != BlockReason.IDENTITY_UNKNOWN;
    }

    /** Applies {@code ops} from {@code start} seconds on, checking every step; returns the contact at the end. */
    private static ContactTrust run(ContactTrust contact, List<Op> ops, BusinessNumber business, int start) {
        int step = start;
        for (Op op : ops) {
            step++;
            if (op instanceof OptIn || op instanceof Policy || op instanceof SwapPolicy) {
                continue;
            }
            CommandResult result = apply(contact, op, business, Fixtures.t(step * 10), step);
            checkStep(contact, op, business, result);
            if (result instanceof CommandResult.Changed changed) {
                contact = changed.contact();
            }
            checkState(contact, business);
        }
        return contact;
    }

    private static CommandResult apply(ContactTrust c, Op op, BusinessNumber business, Instant at, int step) {
        ChangeId changeId = new ChangeId("chg_" + step);
        if (op instanceof Seen s) {
            return c.identitySeen(HASHES.get(s.hash()).orElseThrow(), at.plusSeconds(s.skew()), SignalSource.WHATSAPP_MESSAGE, changeId, business, at);
        } else if (op instanceof Changed s) {
            return c.identityChanged(HASHES.get(s.hash()), at.plusSeconds(s.skew()), SignalSource.WHATSAPP_SYSTEM, changeId, business, at);
        } else if (op instanceof Start s) {
            return c.startReauthentication(REAUTHS.get(s.reauth()), Fixtures.ALICE, at);
        } else if (op instanceof Cancel s) {
            return c.cancelReauthentication(REAUTHS.get(s.reauth()), Fixtures.ALICE, at);
        } else if (op instanceof Result s) {
            return c.reauthenticationResult(REAUTHS.get(s.reauth()), s.passed(), Evidence.NONE, Fixtures.ALICE, at);
        } else if (op instanceof Ack s) {
            return c.acknowledge(HASHES.get(s.hash()).orElseThrow(), ACTORS.get(s.actor()), Evidence.NONE, business, at);
        } else if (op instanceof Override s) {
            return c.overrideUnknownIdentity(ACTORS.get(s.actor()), "checked", business, at);
        } else if (op instanceof Authenticated s) {
            return c.authenticated(ACTORS.get(s.actor()), Evidence.NONE, at);
        } else if (op instanceof Revoke s) {
            return c.revokeTrust(ACTORS.get(s.actor()), "revoked", at);
        } else if (op instanceof SimSwap s) {
            return swap(c, s, Optional.empty(), business, at, step);
        }
        throw new IllegalStateException("not a contact command: " + op);
    }

    private static CommandResult swap(ContactTrust c, SimSwap op, Optional<Instant> lastSwap, BusinessNumber business, Instant at,
                                      int step) {
        return c.simSwapped(at.plusSeconds(op.skew()), lastSwap, new ChangeId("chg_" + step), business, at);
    }

    /** Invariants about one transition. */
    private static void checkStep(ContactTrust before, Op op, BusinessNumber business, CommandResult result) {
        ContactTrust after = result instanceof CommandResult.Changed c ? c.contact() : before;

        if (op instanceof Seen || op instanceof Changed) {
            int skewed = op instanceof Seen s ? s.skew() : ((Changed) op).skew();
            Optional<IdentityHash> hash = op instanceof Seen s ? HASHES.get(s.hash()) : HASHES.get(((Changed) op).hash());
            boolean older = before.identityAsOf().isPresent() && after == before && skewed < 0;
            // The one exception: a change notice naming the identity trustgate only took on first use.
            boolean challengesFirstUse = op instanceof Changed && before.identityOnFirstUse() && hash.equals(before.identityHash());
            if (result instanceof CommandResult.Changed) {
                assertThat(before.identityAsOf().filter(t -> t.isAfter(after.identityAsOf().orElseThrow())))
                        .as("a signal older than the current identity changes nothing").isEmpty();
                assertThat(hash.isPresent() && hash.equals(before.identityHash()) && !challengesFirstUse)
                        .as("repeating the current identity changes nothing").isFalse();
                if (challengesFirstUse && business.optedIn()) {
                    assertThat(after.blocked()).as("a change to the identity taken on first use blocks").isTrue();
                }
                boolean reportedChange = ((CommandResult.Changed) result).events().stream().anyMatch(e -> e instanceof TrustEvent.IdentityChanged);
                if (reportedChange && business.optedIn()) {
                    assertThat(after.blocked()).as("an opted-in business is blocked by every reported change").isTrue();
                }
            } else {
                assertThat(result).as("signals are applied or ignored, never rejected").isInstanceOf(CommandResult.Ignored.class);
                assertThat(older || hash.isEmpty() || hash.equals(before.identityHash())).isTrue();
                assertThat(challengesFirstUse).as("a change to the identity taken on first use is never ignored").isFalse();
            }
        }

        if (op instanceof SimSwap && result instanceof CommandResult.Changed) {
            assertThat(after.state()).as("a SIM swap leaves nobody trusted").isNotEqualTo(TrustState.TRUSTED);
            assertThat(after.sendDecision(business, true).allowed()).as("no sensitive send after a SIM swap").isFalse();
            assertThat(after.verifiedHash()).as("a SIM swap forgets what a re-authentication vouched for").isEmpty();
            if (business.simSwapPolicy() == SimSwapPolicy.BLOCK) {
                assertThat(after.blocked()).as("under BLOCK a SIM swap stops every send, opted in or not").isTrue();
                assertThat(after.sendDecision(business.optOut(Fixtures.T0), false).allowed()).isFalse();
            }
            if (before.blocked()) {
                assertThat(after.blocked()).as("a SIM swap releases no pending change").isTrue();
            }
        }
        if (op instanceof SimSwap) {
            assertThat(result).as("a SIM swap is applied or ignored, never rejected").isNotInstanceOf(CommandResult.Rejected.class);
        }

        boolean cleared = before.blocked() && !after.blocked();
        if (cleared) {
            PendingChange change = before.pendingChange().orElseThrow();
            assertThat(op).as("only an acknowledgement or the override clears a change").isInstanceOfAny(Ack.class, Override.class);
            if (op instanceof Ack ack) {
                assertThat(change.hash()).as("a stale hash is never accepted").isEqualTo(HASHES.get(ack.hash()));
            } else {
                assertThat(change.hash()).as("the override clears only an unknown identity").isEmpty();
            }
            if (change.hash().isEmpty()) {
                assertThat(op).as("an unknown identity is cleared only by the audited override").isInstanceOf(Override.class);
            }
            boolean passed = before.reauthentication().filter(r -> r.passedFor(change.id())).isPresent();
            if (!passed) {
                assertThat(after.sendDecision(business, true)).as("acknowledged is not trusted").isInstanceOf(SendDecision.Blocked.class);
            }
            if (business.policy().requiresReauthentication()) {
                assertThat(passed).as("policy needs a passed re-authentication of this change").isTrue();
            }
            if (business.policy().requiresSecondActor()) {
                Actor actor = ACTORS.get(op instanceof Ack a ? a.actor() : ((Override) op).actor());
                assertThat(change.firstAcknowledger()).as("four eyes never completes with one actor").isPresent()
                        .get().isNotEqualTo(actor);
            }
        }
    }

    /** Invariants about every state reached. */
    private static void checkState(ContactTrust contact, BusinessNumber business) {
        if (contact.pendingChange().isPresent()) {
            for (BusinessNumber b : List.of(business, business.optIn(Fixtures.T0), business.optOut(Fixtures.T0))) {
                assertThat(contact.sendDecision(b, false)).as("no send while a change is unacknowledged").isInstanceOf(SendDecision.Blocked.class);
                assertThat(contact.sendDecision(b, true)).isInstanceOf(SendDecision.Blocked.class);
            }
        }
        if (contact.state() != TrustState.TRUSTED) {
            assertThat(contact.sendDecision(business, true)).as("sensitive needs TRUSTED").isInstanceOf(SendDecision.Blocked.class);
        }
        if (contact.sendDecision(business, false) instanceof SendDecision.Allowed allowed && business.optedIn()) {
            assertThat(allowed.pin()).as("every allowed send is pinned to the acknowledged identity").isEqualTo(contact.pinnedHash());
        }
    }
}
