package dev.trustgate.domain;

import static dev.trustgate.domain.TrustState.ACKNOWLEDGED;
import static dev.trustgate.domain.TrustState.IDENTITY_CHANGED;
import static dev.trustgate.domain.TrustState.RE_AUTHENTICATING;
import static dev.trustgate.domain.TrustState.TRUSTED;
import static dev.trustgate.domain.TrustState.UNVERIFIED;

import dev.trustgate.domain.CommandResult.Changed;
import dev.trustgate.domain.CommandResult.Ignored;
import dev.trustgate.domain.CommandResult.Rejected;
import dev.trustgate.domain.TrustEvent.ContactMerged;
import dev.trustgate.domain.TrustEvent.ContactNumberChanged;
import dev.trustgate.domain.TrustEvent.IdentityAcknowledged;
import dev.trustgate.domain.TrustEvent.IdentityAcknowledgementRequested;
import dev.trustgate.domain.TrustEvent.IdentityBaseline;
import dev.trustgate.domain.TrustEvent.IdentityChanged;
import dev.trustgate.domain.TrustEvent.IdentityOverridden;
import dev.trustgate.domain.TrustEvent.ReauthenticationCancelled;
import dev.trustgate.domain.TrustEvent.ReauthenticationFailed;
import dev.trustgate.domain.TrustEvent.ReauthenticationStarted;
import dev.trustgate.domain.TrustEvent.ReauthenticationSucceeded;
import dev.trustgate.domain.TrustEvent.SimSwapped;
import dev.trustgate.domain.TrustEvent.TrustBroken;
import dev.trustgate.domain.TrustEvent.TrustEstablished;
import dev.trustgate.domain.TrustEvent.TrustRevoked;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The trust lifecycle of one (business number, customer) pair, and the only place that decides
 * whether a message may be sent to that customer. Immutable: every command returns a new contact
 * with the events it caused, an {@link Ignored} for stale or repeated signals, or a typed
 * {@link Rejected}. {@code version} counts changes for optimistic concurrency.
 *
 * <p>The invariant this class exists for: while an identity change of an opted-in business is
 * unacknowledged ({@code pendingChange} present), {@link #sendDecision} never allows a send.
 */
public record ContactTrust(
        ContactKey key,
        ContactNames names,
        TrustState state,
        Optional<IdentityHash> identityHash,
        Optional<Instant> identityAsOf,
        Optional<IdentityHash> pinnedHash,
        Optional<IdentityHash> verifiedHash,
        Optional<PendingChange> pendingChange,
        Optional<Reauthentication> reauthentication,
        long version,
        Optional<Instant> updatedAt,
        boolean identityOnFirstUse) {

    public ContactTrust {
        Validation.notNull("key", key);
        Validation.notNull("names", names);
        Validation.notNull("state", state);
        Validation.notNull("identityHash", identityHash);
        Validation.notNull("identityAsOf", identityAsOf);
        Validation.notNull("pinnedHash", pinnedHash);
        Validation.notNull("verifiedHash", verifiedHash);
        Validation.notNull("pendingChange", pendingChange);
        Validation.notNull("reauthentication", reauthentication);
        Validation.notNull("updatedAt", updatedAt);
        if (version < 0) {
            throw new IllegalArgumentException("version must not be negative");
        }
        if (state.blocksSends() != pendingChange.isPresent()) {
            throw new IllegalArgumentException("state " + state + " and pending change " + pendingChange + " disagree");
        }
        if (identityOnFirstUse && (identityHash.isEmpty() || pendingChange.isPresent())) {
            throw new IllegalArgumentException("only a known, unchallenged identity can be one taken on first use");
        }
        if (pendingChange.isPresent() && !pendingChange.get().hash().equals(identityHash)) {
            throw new IllegalArgumentException("a pending change's hash must be the latest identity hash");
        }
        if (state == RE_AUTHENTICATING && !reauthenticationBoundToPendingChange(reauthentication, pendingChange)) {
            throw new IllegalArgumentException("RE_AUTHENTICATING needs a running or passed re-authentication of the pending change");
        }
    }

    private static boolean reauthenticationBoundToPendingChange(Optional<Reauthentication> reauth,
                                                                Optional<PendingChange> change) {
        return reauth.isPresent() && change.isPresent()
                && reauth.get().changeId().equals(change.get().id())
                && (reauth.get().outcome() == ReauthenticationOutcome.PENDING
                    || reauth.get().outcome() == ReauthenticationOutcome.SUCCEEDED);
    }

    /** A customer trustgate has not heard of before, known by {@code names}: unverified, no identity known. */
    public static ContactTrust newContact(ContactKey key, ContactNames names) {
        return new ContactTrust(key, names, UNVERIFIED, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), 0, Optional.empty(), false);
    }

    // ---------------------------------------------------------------- the gate

    /**
     * Whether a message may be sent to this customer now, and the identity to pin it to.
     *
     * @param business  the business sending; without opt-in nothing is pinned (WhatsApp sends no hashes)
     * @param sensitive a message that only the authenticated customer may read
     */
    public SendDecision sendDecision(BusinessNumber business, boolean sensitive) {
        if (state.blocksSends()) {
            return new SendDecision.Blocked(BlockReason.IDENTITY_CHANGE_UNACKNOWLEDGED);
        }
        if (sensitive && state != TRUSTED) {
            return new SendDecision.Blocked(BlockReason.NOT_TRUSTED);
        }
        Optional<IdentityHash> pin = business.optedIn() ? pinnedHash : Optional.empty();
        if (sensitive && business.optedIn() && pin.isEmpty()) {
            return new SendDecision.Blocked(BlockReason.IDENTITY_UNKNOWN);
        }
        return new SendDecision.Allowed(pin);
    }

    public boolean blocked() {
        return state.blocksSends();
    }

    /** This contact as events name it: its key and its current names. */
    public ContactRef ref() {
        return new ContactRef(key, names);
    }

    // ---------------------------------------------------------------- what the business may do

    /**
     * The business commands {@code caller} may give for this contact now, under {@code business}'s acknowledgement
     * policy: exactly those that would not be rejected, each given as the contact's view suggests (acknowledging the
     * pending change's hash, cancelling or completing the current re-authentication). Under four eyes the key that
     * acknowledged first is not offered the second acknowledgement.
     */
    public Set<ContactAction> allowedActions(BusinessNumber business, Actor caller) {
        Validation.notNull("business", business);
        Validation.notNull("caller", caller);
        Set<ContactAction> allowed = EnumSet.noneOf(ContactAction.class);
        if (startRefused().isEmpty()) {
            allowed.add(ContactAction.START_REAUTHENTICATION);
        }
        Optional<ReauthenticationId> current = reauthentication.map(Reauthentication::id);
        if (current.filter(id -> cancelRefused(id).isEmpty()).isPresent()) {
            allowed.add(ContactAction.CANCEL_REAUTHENTICATION);
        }
        if (current.filter(id -> resultRefused(id).isEmpty()).isPresent()) {
            allowed.add(ContactAction.RECORD_REAUTHENTICATION_RESULT);
        }
        if (pendingChange.flatMap(PendingChange::hash).filter(hash -> acknowledgeRefused(hash, caller, business).isEmpty())
                .isPresent()) {
            allowed.add(ContactAction.ACKNOWLEDGE_IDENTITY_CHANGE);
        }
        if (overrideRefused(caller, business).isEmpty()) {
            allowed.add(ContactAction.OVERRIDE_UNKNOWN_IDENTITY);
        }
        if (authenticationRefused().isEmpty()) {
            allowed.add(ContactAction.RECORD_AUTHENTICATION);
        }
        allowed.add(ContactAction.REVOKE_TRUST); // from any state
        return Collections.unmodifiableSet(allowed);
    }

    // ---------------------------------------------------------------- identity signals

    /**
     * WhatsApp showed this customer's identity hash. The first hash becomes the baseline (trust on
     * first use); a different one is an identity change; the same one changes nothing.
     */
    public CommandResult identitySeen(IdentityHash hash, Instant asOf, SignalSource source, ChangeId changeIfDifferent,
                                      BusinessNumber business, Instant at) {
        Validation.notNull("hash", hash);
        if (olderThanCurrentIdentity(asOf)) {
            return new Ignored("signal from " + asOf + " is older than the current identity");
        }
        if (identityHash.equals(Optional.of(hash))) {
            return new Ignored("identity unchanged");
        }
        if (identityHash.isPresent() || blocked()) {
            // A known hash that differs, or the first known hash of a change that was reported without one.
            return identityChanged(Optional.of(hash), asOf, source, changeIfDifferent, business, at);
        }
        ContactTrust next = new ContactTrust(key, names, state, Optional.of(hash), Optional.of(asOf), Optional.of(hash),
                verifiedHash, pendingChange, reauthentication, version + 1, Optional.of(at), true);
        return new Changed(next, List.of(new IdentityBaseline(ref(), at, hash, asOf, source)));
    }

    /**
     * WhatsApp (or another source) reports that the person behind this account may have changed.
     * For an opted-in business (or while an earlier change is still pending) this blocks every send
     * until acknowledged; an unknown hash blocks too. Late, reordered and repeated signals are ignored.
     */
    public CommandResult identityChanged(Optional<IdentityHash> hash, Instant asOf, SignalSource source, ChangeId changeId,
                                         BusinessNumber business, Instant at) {
        Validation.notNull("hash", hash);
        Validation.notNull("asOf", asOf);
        // A change to the very identity trustgate only took on first use means that identity was never vouched
        // for: the notice was merely late (or early). It counts, whatever its age, so order does not matter.
        boolean firstUseChallenged = identityOnFirstUse && hash.isPresent() && hash.equals(identityHash);
        if (olderThanCurrentIdentity(asOf) && !firstUseChallenged) {
            return new Ignored("signal from " + asOf + " is older than the current identity");
        }
        if (hash.isPresent() && hash.equals(identityHash) && !firstUseChallenged) {
            return new Ignored("identity unchanged");
        }
        Optional<IdentityHash> previousHash = firstUseChallenged ? Optional.empty() : identityHash;
        if (hash.isEmpty() && pendingChange.isPresent() && pendingChange.get().hash().isEmpty()) {
            return new Ignored("an identity change with an unknown hash is already pending");
        }
        Instant newAsOf = identityAsOf.filter(current -> current.isAfter(asOf)).orElse(asOf);
        boolean blocking = business.optedIn() || blocked();
        Actor actor = source.fromWhatsApp() ? Actor.WHATSAPP : Actor.TRUSTGATE;
        List<TrustEvent> events = new ArrayList<>();
        events.add(new IdentityChanged(ref(), at, actor, changeId, previousHash, hash, asOf, source, blocking));
        ContactTrust next;
        if (blocking) {
            // An identity taken on first use was never acknowledged: it is no pin to fall back to.
            Optional<IdentityHash> pin = firstUseChallenged ? Optional.empty() : pinnedHash;
            next = new ContactTrust(key, names, IDENTITY_CHANGED, hash, Optional.of(newAsOf), pin, Optional.empty(),
                    Optional.of(new PendingChange(changeId, hash, at, Optional.empty())), Optional.empty(),
                    version + 1, Optional.of(at), false);
            events.add(new TrustBroken(ref(), at, actor, state, "identity.changed"));
        } else {
            TrustState newState = state == TRUSTED ? UNVERIFIED : state;
            next = new ContactTrust(key, names, newState, hash, Optional.of(newAsOf), hash, Optional.empty(),
                    Optional.empty(), reauthentication, version + 1, Optional.of(at), false);
            if (state == TRUSTED) {
                events.add(new TrustBroken(ref(), at, actor, state, "identity.changed"));
            }
        }
        return new Changed(next, events);
    }

    /**
     * The mobile operator reported that the customer's number moved to another SIM card at {@code asOf} (a CAMARA SIM
     * Swap notice). Whoever holds the new SIM receives the customer's one-time codes, so under {@code business}'s
     * {@link SimSwapPolicy}: {@code BREAK_TRUST} ends trust (TRUSTED becomes UNVERIFIED, a running or passed
     * re-authentication is cancelled, blocked contacts stay blocked); {@code BLOCK} is an identity change with an
     * unknown identity (source {@code sim_swap}) that stops every send until the business clears it, whatever the
     * opt-in. A notice no later than {@code lastSwapAsOf}, the time of the last SIM swap applied to this contact, is
     * ignored: an older notice never undoes what a newer one, or the business since, decided.
     */
    public CommandResult simSwapped(Instant asOf, Optional<Instant> lastSwapAsOf, ChangeId changeId, BusinessNumber business,
                                    Instant at) {
        Validation.notNull("asOf", asOf);
        Validation.notNull("lastSwapAsOf", lastSwapAsOf);
        Validation.notNull("changeId", changeId);
        Validation.notNull("business", business);
        if (lastSwapAsOf.filter(last -> !asOf.isAfter(last)).isPresent()) {
            return new Ignored("SIM swap from " + asOf + " is no later than the last one applied, " + lastSwapAsOf.get());
        }
        SimSwapPolicy policy = business.simSwapPolicy();
        List<TrustEvent> events = new ArrayList<>();
        if (policy == SimSwapPolicy.BLOCK) {
            events.add(new SimSwapped(ref(), at, asOf, policy, state, true));
            if (pendingChange.isPresent() && pendingChange.get().hash().isEmpty()) {
                // already blocked on an unknown identity: the notice is recorded, nothing more to stop
                return new Changed(with(state, verifiedHash, pendingChange, reauthentication, at), events);
            }
            Instant newAsOf = identityAsOf.filter(current -> current.isAfter(asOf)).orElse(asOf);
            ContactTrust next = new ContactTrust(key, names, IDENTITY_CHANGED, Optional.empty(), Optional.of(newAsOf), pinnedHash,
                    Optional.empty(), Optional.of(new PendingChange(changeId, Optional.empty(), at, Optional.empty())),
                    Optional.empty(), version + 1, Optional.of(at), false);
            events.add(new IdentityChanged(ref(), at, Actor.TRUSTGATE, changeId, identityHash, Optional.empty(), asOf,
                    SignalSource.SIM_SWAP, true));
            events.add(new TrustBroken(ref(), at, Actor.TRUSTGATE, state, EventType.CONTACT_SIM_SWAPPED.code()));
            return new Changed(next, events);
        }
        TrustState newState = switch (state) {
            case TRUSTED -> UNVERIFIED;
            case RE_AUTHENTICATING -> IDENTITY_CHANGED;
            case UNVERIFIED, IDENTITY_CHANGED, ACKNOWLEDGED -> state;
        };
        events.add(new SimSwapped(ref(), at, asOf, policy, state, newState.blocksSends()));
        Optional<Reauthentication> reauth = reauthentication;
        if (state == RE_AUTHENTICATING) {
            // a re-authentication by one-time code may reach whoever holds the new SIM
            reauth = reauthentication.map(r -> r.with(ReauthenticationOutcome.CANCELLED, r.attempts()));
            events.add(new ReauthenticationCancelled(ref(), at, Actor.TRUSTGATE, reauthentication.get().id(),
                    EventType.CONTACT_SIM_SWAPPED.code()));
        }
        if (state == TRUSTED) {
            events.add(new TrustBroken(ref(), at, Actor.TRUSTGATE, state, EventType.CONTACT_SIM_SWAPPED.code()));
        }
        return new Changed(with(newState, Optional.empty(), pendingChange, reauth, at), events);
    }

    private boolean olderThanCurrentIdentity(Instant asOf) {
        Validation.notNull("asOf", asOf);
        return identityAsOf.isPresent() && asOf.isBefore(identityAsOf.get());
    }

    // ---------------------------------------------------------------- re-authentication

    /** The business starts re-authenticating the customer for the pending change. */
    public CommandResult startReauthentication(ReauthenticationId id, Actor by, Instant at) {
        Optional<Rejected> refused = startRefused();
        if (refused.isPresent()) {
            return refused.get();
        }
        PendingChange change = pendingChange.orElseThrow();
        int attempts = reauthentication.filter(r -> r.changeId().equals(change.id())).map(Reauthentication::attempts).orElse(0);
        Reauthentication started = new Reauthentication(id, change.id(), at, ReauthenticationOutcome.PENDING, attempts);
        return new Changed(with(RE_AUTHENTICATING, verifiedHash, pendingChange, Optional.of(started), at),
                List.of(new ReauthenticationStarted(ref(), at, by, id, change.id())));
    }

    /** The business abandons the running re-authentication; a passed one is forgotten. */
    public CommandResult cancelReauthentication(ReauthenticationId id, Actor by, Instant at) {
        Optional<Rejected> refused = cancelRefused(id);
        if (refused.isPresent()) {
            return refused.get();
        }
        Reauthentication cancelled = reauthentication.get().with(ReauthenticationOutcome.CANCELLED, reauthentication.get().attempts());
        return new Changed(with(IDENTITY_CHANGED, Optional.empty(), pendingChange, Optional.of(cancelled), at),
                List.of(new ReauthenticationCancelled(ref(), at, by, id, "cancelled")));
    }

    /**
     * The outcome of the running re-authentication. Success keeps sends blocked (only an
     * acknowledgement unblocks) but vouches for the pending identity; failure returns to IDENTITY_CHANGED.
     */
    public CommandResult reauthenticationResult(ReauthenticationId id, boolean succeeded, Evidence evidence, Actor by, Instant at) {
        Validation.notNull("evidence", evidence);
        Optional<Rejected> refused = resultRefused(id);
        if (refused.isPresent()) {
            return refused.get();
        }
        Reauthentication current = reauthentication.get();
        if (succeeded) {
            Reauthentication passed = current.with(ReauthenticationOutcome.SUCCEEDED, current.attempts());
            return new Changed(with(RE_AUTHENTICATING, pendingChange.get().hash(), pendingChange, Optional.of(passed), at),
                    List.of(new ReauthenticationSucceeded(ref(), at, by, id, evidence)));
        }
        Reauthentication failed = current.with(ReauthenticationOutcome.FAILED, current.attempts() + 1);
        return new Changed(with(IDENTITY_CHANGED, Optional.empty(), pendingChange, Optional.of(failed), at),
                List.of(new ReauthenticationFailed(ref(), at, by, id, failed.attempts(), evidence)));
    }

    private Optional<Rejected> startRefused() {
        if (state != IDENTITY_CHANGED) {
            return Optional.of(invalidState("a re-authentication can only start while an identity change is pending and none is running",
                    IDENTITY_CHANGED));
        }
        return Optional.empty();
    }

    private Optional<Rejected> cancelRefused(ReauthenticationId id) {
        if (!isCurrentReauthentication(id)) {
            return Optional.of(rejected(RejectionReason.UNKNOWN_REAUTHENTICATION, "no current re-authentication " + id));
        }
        if (state != RE_AUTHENTICATING) {
            return Optional.of(invalidState("re-authentication " + id + " is not running", RE_AUTHENTICATING));
        }
        return Optional.empty();
    }

    private Optional<Rejected> resultRefused(ReauthenticationId id) {
        if (!isCurrentReauthentication(id)) {
            return Optional.of(rejected(RejectionReason.UNKNOWN_REAUTHENTICATION, "no current re-authentication " + id));
        }
        Reauthentication current = reauthentication.get();
        if (state != RE_AUTHENTICATING || current.outcome() != ReauthenticationOutcome.PENDING) {
            return Optional.of(invalidState("re-authentication " + id + " already has an outcome: " + current.outcome().code(),
                    RE_AUTHENTICATING));
        }
        return Optional.empty();
    }

    private boolean isCurrentReauthentication(ReauthenticationId id) {
        return reauthentication.isPresent() && reauthentication.get().id().equals(id);
    }

    // ---------------------------------------------------------------- acknowledgement

    /**
     * The business acknowledges the pending change of identity {@code hash}, which unblocks sends.
     * The result is TRUSTED only when a re-authentication of this very change passed; otherwise
     * ACKNOWLEDGED (messages flow, but nothing sensitive).
     */
    public CommandResult acknowledge(IdentityHash hash, Actor by, Evidence evidence, BusinessNumber business, Instant at) {
        Validation.notNull("hash", hash);
        Validation.notNull("evidence", evidence);
        Optional<Rejected> refused = acknowledgeRefused(hash, by, business);
        if (refused.isPresent()) {
            return refused.get();
        }
        PendingChange change = pendingChange.get();
        if (business.policy().requiresSecondActor() && change.firstAcknowledger().isEmpty()) {
            return new Changed(with(state, verifiedHash, Optional.of(change.acknowledgedOnceBy(by)), reauthentication, at),
                    List.of(new IdentityAcknowledgementRequested(ref(), at, by, change.id(), change.hash(), evidence)));
        }
        boolean trusted = verifiedHash.equals(Optional.of(hash));
        TrustState newState = trusted ? TRUSTED : ACKNOWLEDGED;
        ContactTrust next = new ContactTrust(key, names, newState, identityHash, identityAsOf, Optional.of(hash),
                trusted ? verifiedHash : Optional.empty(), Optional.empty(), Optional.empty(), version + 1, Optional.of(at), false);
        List<TrustEvent> events = new ArrayList<>();
        events.add(new IdentityAcknowledged(ref(), at, by, change.id(), hash, trusted, change.firstAcknowledger(), evidence));
        if (trusted) {
            events.add(new TrustEstablished(ref(), at, by, Optional.of(hash), evidence));
        }
        return new Changed(next, events);
    }

    /**
     * Clears a pending change whose new identity WhatsApp never named, so it cannot be acknowledged
     * by hash. Audited; the contact ends ACKNOWLEDGED and unpinned, and the next hash WhatsApp reports
     * becomes its baseline. The business's policy applies as for an acknowledgement.
     */
    public CommandResult overrideUnknownIdentity(Actor by, String reason, BusinessNumber business, Instant at) {
        Validation.require("reason", reason, 1000, null, "");
        Optional<Rejected> refused = overrideRefused(by, business);
        if (refused.isPresent()) {
            return refused.get();
        }
        PendingChange change = pendingChange.get();
        if (business.policy().requiresSecondActor() && change.firstAcknowledger().isEmpty()) {
            return new Changed(with(state, verifiedHash, Optional.of(change.acknowledgedOnceBy(by)), reauthentication, at),
                    List.of(new IdentityAcknowledgementRequested(ref(), at, by, change.id(), Optional.empty(),
                            new Evidence(null, null, null, reason))));
        }
        ContactTrust next = new ContactTrust(key, names, ACKNOWLEDGED, Optional.empty(), identityAsOf, Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), version + 1, Optional.of(at), false);
        return new Changed(next, List.of(new IdentityOverridden(ref(), at, by, change.id(), reason, change.firstAcknowledger())));
    }

    private Optional<Rejected> acknowledgeRefused(IdentityHash hash, Actor by, BusinessNumber business) {
        if (!blocked()) {
            return Optional.of(invalidState("no identity change is pending", IDENTITY_CHANGED, RE_AUTHENTICATING));
        }
        PendingChange change = pendingChange.get();
        if (change.hash().isEmpty()) {
            return Optional.of(rejected(RejectionReason.IDENTITY_UNKNOWN,
                    "the pending change has no known identity hash; use the identity override"));
        }
        if (!change.hash().get().equals(hash)) {
            return Optional.of(new Rejected(RejectionReason.STALE_ACKNOWLEDGEMENT, state, Set.of(), change.hash(),
                    "the acknowledged identity hash is not the pending change's hash"));
        }
        return policyUnmet(business.policy(), change, by);
    }

    private Optional<Rejected> overrideRefused(Actor by, BusinessNumber business) {
        if (!blocked()) {
            return Optional.of(invalidState("no identity change is pending", IDENTITY_CHANGED, RE_AUTHENTICATING));
        }
        PendingChange change = pendingChange.get();
        if (change.hash().isPresent()) {
            return Optional.of(invalidState("the pending identity is known; acknowledge it by its hash", IDENTITY_CHANGED, RE_AUTHENTICATING));
        }
        return policyUnmet(business.policy(), change, by);
    }

    private Optional<Rejected> policyUnmet(AcknowledgementPolicy policy, PendingChange change, Actor by) {
        if (policy.requiresReauthentication()
                && (reauthentication.isEmpty() || !reauthentication.get().passedFor(change.id()))) {
            return Optional.of(rejected(RejectionReason.ACKNOWLEDGEMENT_POLICY_UNMET,
                    "policy " + policy + " needs a passed re-authentication of change " + change.id()));
        }
        if (policy.requiresSecondActor() && change.firstAcknowledger().filter(by::equals).isPresent()) {
            return Optional.of(rejected(RejectionReason.ACKNOWLEDGEMENT_POLICY_UNMET,
                    "policy FOUR_EYES needs a second acknowledgement by a different key"));
        }
        return Optional.empty();
    }

    // ---------------------------------------------------------------- the business's own trust decisions

    /** The business authenticated the customer itself (off WhatsApp): TRUSTED with the current identity. */
    public CommandResult authenticated(Actor by, Evidence evidence, Instant at) {
        Validation.notNull("evidence", evidence);
        Optional<Rejected> refused = authenticationRefused();
        if (refused.isPresent()) {
            return refused.get();
        }
        // The business vouched for the current identity: it is no longer one merely taken on first use.
        ContactTrust trusted = new ContactTrust(key, names, TRUSTED, identityHash, identityAsOf, pinnedHash, identityHash,
                pendingChange, reauthentication, version + 1, Optional.of(at), false);
        return new Changed(trusted, List.of(new TrustEstablished(ref(), at, by, identityHash, evidence)));
    }

    private Optional<Rejected> authenticationRefused() {
        if (blocked()) {
            return Optional.of(invalidState("an identity change is pending; re-authenticate and acknowledge it", UNVERIFIED, ACKNOWLEDGED,
                    TRUSTED));
        }
        return Optional.empty();
    }

    /**
     * The business breaks trust (step 3 of the lifecycle). Allowed from any state: TRUSTED becomes
     * UNVERIFIED, a passed re-authentication is forgotten, blocked contacts stay blocked.
     */
    public CommandResult revokeTrust(Actor by, String reason, Instant at) {
        Validation.optionalText("reason", reason, 1000);
        TrustState newState = switch (state) {
            case TRUSTED -> UNVERIFIED;
            case RE_AUTHENTICATING -> IDENTITY_CHANGED;
            case UNVERIFIED, IDENTITY_CHANGED, ACKNOWLEDGED -> state;
        };
        Optional<Reauthentication> reauth = state == RE_AUTHENTICATING
                ? reauthentication.map(r -> r.with(ReauthenticationOutcome.CANCELLED, r.attempts()))
                : reauthentication;
        List<TrustEvent> events = new ArrayList<>();
        if (state == RE_AUTHENTICATING) {
            events.add(new ReauthenticationCancelled(ref(), at, by, reauthentication.get().id(), "trust.revoked"));
        }
        events.add(new TrustRevoked(ref(), at, by, state, reason));
        return new Changed(with(newState, Optional.empty(), pendingChange, reauth, at), events);
    }

    // ---------------------------------------------------------------- names (DESIGN §4 "Who a customer is")

    /**
     * WhatsApp named this contact by {@code learned} (one {@code contacts[]} item, a message's sender, a
     * status's recipient, a send's answer): each learned name becomes the current one of its kind. No event;
     * a new version only when a name is new.
     */
    public CommandResult learnNames(ContactNames learned, Instant at) {
        Validation.notNull("learned", learned);
        ContactNames next = names.with(learned);
        if (next.equals(names)) {
            return new Ignored("names unchanged");
        }
        return new Changed(new ContactTrust(key, next, state, identityHash, identityAsOf, pinnedHash, verifiedHash, pendingChange,
                reauthentication, version + 1, Optional.of(at), identityOnFirstUse), List.of());
    }

    /**
     * The customer moved to another phone number with their account ({@code user_changed_number}): this
     * contact keeps its history, hashes and state under {@code newNames}. The old number is no longer one of
     * its names; the caller gives it to a contact of its own, {@code detached}, blocked until cleared.
     */
    public CommandResult numberChanged(ContactNames newNames, Optional<ContactId> detached, Instant at) {
        Validation.notNull("newNames", newNames);
        Validation.notNull("detached", detached);
        if (newNames.waId().isEmpty()) {
            throw new IllegalArgumentException("a number change names the new number");
        }
        Optional<WaId> previous = names.waId();
        if (previous.equals(newNames.waId())) {
            return new Ignored("the contact already has number " + newNames.waId().get().masked());
        }
        ContactTrust moved = new ContactTrust(key, names.withoutWaId().with(newNames), state, identityHash, identityAsOf, pinnedHash,
                verifiedHash, pendingChange, reauthentication, version + 1, Optional.of(at), identityOnFirstUse);
        return new Changed(moved, List.of(new ContactNumberChanged(moved.ref(), at, previous, detached)));
    }

    /**
     * A number the customer left ({@code user_changed_number}): it may be given to a stranger, so it becomes a
     * contact of its own with an identity change of unknown identity, blocked whatever the business's opt-in,
     * until the business clears it with the identity override.
     */
    public static Changed detachedNumber(ContactKey key, WaId number, ChangeId changeId, Instant asOf, Instant at) {
        ContactNames numberOnly = ContactNames.of(number);
        ContactTrust detached = new ContactTrust(key, numberOnly, IDENTITY_CHANGED, Optional.empty(), Optional.of(asOf),
                Optional.empty(), Optional.empty(), Optional.of(new PendingChange(changeId, Optional.empty(), at, Optional.empty())),
                Optional.empty(), 1, Optional.of(at), false);
        ContactRef ref = detached.ref();
        return new Changed(detached, List.of(
                new IdentityChanged(ref, at, Actor.WHATSAPP, changeId, Optional.empty(), Optional.empty(), asOf,
                        SignalSource.NUMBER_CHANGED, true),
                new TrustBroken(ref, at, Actor.WHATSAPP, UNVERIFIED, "contact.number_changed")));
    }

    /**
     * {@code other} turned out to be this same WhatsApp user (a webhook or a send's answer linked their
     * names). This contact remains, with the names of both and the stricter trust of the two: blocked if
     * either was (the later pending change is kept), trusted only if both were, and two different known
     * identities are an identity change to the newer one. {@code other} is gone afterwards.
     */
    public Changed absorb(ContactTrust other, ChangeId changeIfDifferent, BusinessNumber business, Instant at) {
        Validation.notNull("other", other);
        if (!other.key().business().equals(key.business()) || other.key().equals(key)) {
            throw new IllegalArgumentException("a contact absorbs another contact of the same business number");
        }
        // base: the contact whose trust record carries on; rest: the other, whose identity may be newer
        ContactTrust base;
        if (blocked() || other.blocked()) {
            base = other.blocked() && (!blocked()
                    || other.pendingChange().get().detectedAt().isAfter(pendingChange.get().detectedAt())) ? other : this;
        } else if (identityHash.isPresent() && other.identityHash().isPresent() && !identityHash.equals(other.identityHash())) {
            ContactTrust newer = other.identityAsOf().get().isAfter(identityAsOf.get()) ? other : this;
            // a newer identity the business vouched for (authenticated, acknowledged) carries on; one merely taken on
            // first use under the other name was never vouched for, so it arrives as a change to the older one
            base = newer.identityOnFirstUse() ? (newer == this ? other : this) : newer;
        } else {
            base = identityHash.isPresent() || other.identityHash().isEmpty() ? this : other;
        }
        ContactTrust rest = base == this ? other : this;
        ContactNames mergedNames = other.names().with(names);
        boolean bothTrusted = state == TRUSTED && other.state() == TRUSTED;
        boolean identityFromRest = base.identityHash().isEmpty() && !base.blocked() && rest.identityHash().isPresent();
        ContactTrust identitySource = identityFromRest ? rest : base;
        ContactTrust combined = new ContactTrust(key, mergedNames,
                base.blocked() ? base.state() : lessTrusted(state, other.state()),
                identitySource.identityHash(), identitySource.identityAsOf().or(rest::identityAsOf),
                identitySource.pinnedHash(),
                base.blocked() || bothTrusted ? base.verifiedHash() : Optional.empty(),
                base.pendingChange(), base.reauthentication().or(rest::reauthentication), version, Optional.of(at),
                !base.blocked() && identitySource.identityOnFirstUse());
        List<TrustEvent> events = new ArrayList<>();
        ContactTrust merged = combined.withVersion(version + 1);
        boolean newerIdentityElsewhere = rest.identityHash().isPresent() && !rest.identityHash().equals(combined.identityHash())
                && (combined.identityAsOf().isEmpty() || !rest.identityAsOf().get().isBefore(combined.identityAsOf().get()));
        if (newerIdentityElsewhere) {
            Optional<Changed> changed = combined.identityChanged(rest.identityHash(), rest.identityAsOf().get(),
                    SignalSource.CONTACT_MERGED, changeIfDifferent, business, at).changed();
            if (changed.isPresent()) {
                merged = changed.get().contact();
                events.addAll(changed.get().events());
            }
        }
        if ((state == TRUSTED || other.state() == TRUSTED) && merged.state() != TRUSTED
                && events.stream().noneMatch(e -> e instanceof TrustBroken)) {
            events.add(new TrustBroken(merged.ref(), at, Actor.WHATSAPP, TRUSTED, "contact.merged"));
        }
        events.add(0, new ContactMerged(merged.ref(), at, other.ref(), state, other.state(), merged.state()));
        return new Changed(merged, events);
    }

    /** Of two unblocked states, the one that trusts less: UNVERIFIED, then ACKNOWLEDGED, then TRUSTED. */
    private static TrustState lessTrusted(TrustState a, TrustState b) {
        if (a == UNVERIFIED || b == UNVERIFIED) {
            return UNVERIFIED;
        }
        if (a == ACKNOWLEDGED || b == ACKNOWLEDGED) {
            return ACKNOWLEDGED;
        }
        return TRUSTED;
    }

    private ContactTrust withVersion(long newVersion) {
        return new ContactTrust(key, names, state, identityHash, identityAsOf, pinnedHash, verifiedHash, pendingChange,
                reauthentication, newVersion, updatedAt, identityOnFirstUse);
    }

    private ContactTrust with(TrustState newState, Optional<IdentityHash> newVerified, Optional<PendingChange> newPending,
                              Optional<Reauthentication> newReauth, Instant at) {
        return new ContactTrust(key, names, newState, identityHash, identityAsOf, pinnedHash, newVerified, newPending, newReauth,
                version + 1, Optional.of(at), identityOnFirstUse && newPending.isEmpty());
    }

    /** A command refused in this state; {@code appliesIn} are the states it applies in. */
    private Rejected invalidState(String detail, TrustState... appliesIn) {
        Set<TrustState> expected = Set.of(appliesIn);
        return new Rejected(RejectionReason.INVALID_STATE, state, expected.contains(state) ? Set.of() : expected,
                Optional.empty(), detail);
    }

    private Rejected rejected(RejectionReason reason, String detail) {
        return new Rejected(reason, state, Set.of(), Optional.empty(), detail);
    }
}
