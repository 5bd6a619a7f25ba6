package dev.trustgate.domain;

import static dev.trustgate.domain.Fixtures.ALICE;
import static dev.trustgate.domain.Fixtures.BOB;
import static dev.trustgate.domain.Fixtures.C1;
import static dev.trustgate.domain.Fixtures.H1;
import static dev.trustgate.domain.Fixtures.H2;
import static dev.trustgate.domain.Fixtures.R1;
import static dev.trustgate.domain.Fixtures.t;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One event of every type, and a second one wherever an optional value may be absent, with fixed values: the
 * samples the wire form of events (the feed, notifications, the audit chain's hash) is pinned against. Shared with
 * other modules' tests.
 */
public final class SampleEvents {

    private static final ContactRef CONTACT = new ContactRef(Fixtures.KEY, Fixtures.NAMES);
    private static final ContactRef OTHER = new ContactRef(Fixtures.OTHER_KEY,
            Fixtures.OTHER_NAMES.with(new ParentUserId("US.ENT.11815799212886844830")));
    private static final Evidence EVIDENCE = new Evidence("branch visit", "CASE-17", "Ana", "passport checked");

    private SampleEvents() {
    }

    /** Every sample by a name that says what it shows, in a fixed order. */
    public static Map<String, TrustEvent> all() {
        Map<String, TrustEvent> events = new LinkedHashMap<>();
        events.put("baseline", new TrustEvent.IdentityBaseline(CONTACT, t(1), H1, t(0), SignalSource.WHATSAPP_MESSAGE));
        events.put("changed", new TrustEvent.IdentityChanged(CONTACT, t(2), Actor.WHATSAPP, C1, Optional.of(H1), Optional.of(H2),
                t(1), SignalSource.WHATSAPP_STATUS, true));
        events.put("changed to an unknown identity", new TrustEvent.IdentityChanged(CONTACT, t(3), Actor.TRUSTGATE, C1,
                Optional.empty(), Optional.empty(), t(2), SignalSource.EXTERNAL, false));
        events.put("trust broken", new TrustEvent.TrustBroken(CONTACT, t(4), Actor.WHATSAPP, TrustState.TRUSTED, "identity.changed"));
        events.put("reauthentication started", new TrustEvent.ReauthenticationStarted(CONTACT, t(5), ALICE, R1, C1));
        events.put("reauthentication cancelled", new TrustEvent.ReauthenticationCancelled(CONTACT, t(6), ALICE, R1, "cancelled"));
        events.put("reauthentication succeeded", new TrustEvent.ReauthenticationSucceeded(CONTACT, t(7), ALICE, R1, EVIDENCE));
        events.put("reauthentication succeeded without evidence", new TrustEvent.ReauthenticationSucceeded(CONTACT, t(7), ALICE, R1,
                Evidence.NONE));
        events.put("reauthentication failed", new TrustEvent.ReauthenticationFailed(CONTACT, t(8), ALICE, R1, 2,
                new Evidence("call-back", null, null, null)));
        events.put("acknowledgement requested", new TrustEvent.IdentityAcknowledgementRequested(CONTACT, t(9), ALICE, C1,
                Optional.of(H2), EVIDENCE));
        events.put("acknowledgement requested of an unknown identity", new TrustEvent.IdentityAcknowledgementRequested(CONTACT, t(9),
                ALICE, C1, Optional.empty(), new Evidence(null, null, null, "number reassigned")));
        events.put("acknowledged", new TrustEvent.IdentityAcknowledged(CONTACT, t(10), BOB, C1, H2, true, Optional.of(ALICE), EVIDENCE));
        events.put("acknowledged by one key", new TrustEvent.IdentityAcknowledged(CONTACT, t(10), BOB, C1, H2, false, Optional.empty(),
                Evidence.NONE));
        events.put("overridden", new TrustEvent.IdentityOverridden(CONTACT, t(11), BOB, C1, "checked at the branch", Optional.of(ALICE)));
        events.put("overridden by one key", new TrustEvent.IdentityOverridden(CONTACT, t(11), BOB, C1, "checked", Optional.empty()));
        events.put("trust established", new TrustEvent.TrustEstablished(CONTACT, t(12), ALICE, Optional.of(H1), EVIDENCE));
        events.put("trust established without an identity", new TrustEvent.TrustEstablished(CONTACT, t(12), ALICE, Optional.empty(),
                Evidence.NONE));
        events.put("trust revoked", new TrustEvent.TrustRevoked(CONTACT, t(13), ALICE, TrustState.RE_AUTHENTICATING, "lost phone"));
        events.put("trust revoked without a reason", new TrustEvent.TrustRevoked(CONTACT, t(13), ALICE, TrustState.TRUSTED, null));
        events.put("message blocked", new TrustEvent.MessageBlocked(CONTACT, t(14), ALICE, BlockReason.NOT_TRUSTED, true));
        events.put("message held", new TrustEvent.MessageHeld(CONTACT, t(15), ALICE, "held_1",
                BlockReason.IDENTITY_CHANGE_UNACKNOWLEDGED, false));
        events.put("message released", new TrustEvent.MessageReleased(CONTACT, t(16), BOB, "held_1", "msg_1", Optional.of(H2)));
        events.put("message released unpinned", new TrustEvent.MessageReleased(CONTACT, t(16), BOB, "held_1", "msg_1", Optional.empty()));
        events.put("message discarded", new TrustEvent.MessageDiscarded(CONTACT, t(17), BOB, "held_2"));
        events.put("message sent across a change", new TrustEvent.MessageSentAcrossChange(CONTACT, t(18), "msg_2",
                "wamid.HBgLMTY1MDU1NTEyMzQVAgARGBI", Optional.of(H1)));
        events.put("message sent across a change unpinned", new TrustEvent.MessageSentAcrossChange(CONTACT, t(18), "msg_3",
                "wamid.HBgLMTY1MDU1NTEyMzQVAgARGBJ", Optional.empty()));
        events.put("number changed", new TrustEvent.ContactNumberChanged(CONTACT, t(19), Optional.of(new WaId("16505550000")),
                Optional.of(new ContactId("ct_9"))));
        events.put("number changed without a previous number", new TrustEvent.ContactNumberChanged(CONTACT, t(19), Optional.empty(),
                Optional.empty()));
        events.put("merged", new TrustEvent.ContactMerged(CONTACT, t(20), OTHER, TrustState.TRUSTED, TrustState.IDENTITY_CHANGED,
                TrustState.IDENTITY_CHANGED));
        events.put("merged with a contact known by its number", new TrustEvent.ContactMerged(CONTACT, t(20),
                new ContactRef(Fixtures.OTHER_KEY, ContactNames.of(new WaId("16505550000"))), TrustState.UNVERIFIED,
                TrustState.ACKNOWLEDGED, TrustState.UNVERIFIED));
        events.put("sim swapped, trust broken", new TrustEvent.SimSwapped(CONTACT, t(21), t(20), SimSwapPolicy.BREAK_TRUST,
                TrustState.TRUSTED, false));
        events.put("sim swapped, blocked", new TrustEvent.SimSwapped(CONTACT, t(21), t(20), SimSwapPolicy.BLOCK,
                TrustState.ACKNOWLEDGED, true));
        events.put("changed by a sim swap", new TrustEvent.IdentityChanged(CONTACT, t(21), Actor.TRUSTGATE, C1, Optional.of(H1),
                Optional.empty(), t(20), SignalSource.SIM_SWAP, true));
        events.put("reauthentication succeeded with a SIM-swap check", new TrustEvent.ReauthenticationSucceeded(CONTACT, t(22), ALICE,
                R1, new Evidence("sms-otp", null, null, null).withSimSwapCheck(new SimSwapCheck(240, false))));
        return events;
    }

    public static List<TrustEvent> list() {
        return List.copyOf(all().values());
    }
}
