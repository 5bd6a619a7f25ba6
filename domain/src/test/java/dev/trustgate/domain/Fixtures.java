package dev.trustgate.domain;

import java.time.Instant;
import java.util.Optional;

/** Contacts in every state, built through the aggregate's own commands. Shared with other modules' tests. */
public final class Fixtures {

    public static final ContactKey KEY = ContactKey.of("106540352242922", "ct_1");
    public static final WaId WA_ID = new WaId("16505551234");
    public static final ContactNames NAMES = ContactNames.of(WA_ID);
    /** A second contact of the same business, known by a user id only. */
    public static final ContactKey OTHER_KEY = ContactKey.of("106540352242922", "ct_2");
    public static final ContactNames OTHER_NAMES = ContactNames.of(new UserId("US.13491208655302741918"));
    public static final IdentityHash H1 = new IdentityHash("DF2lS5v2W6x=");
    public static final IdentityHash H2 = new IdentityHash("Qm9vbXNoYWthbGFrYQ==");
    public static final IdentityHash H3 = new IdentityHash("SGFzaFRocmVl");
    public static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    public static final Actor ALICE = new Actor("key_alice");
    public static final Actor BOB = new Actor("key_bob");
    public static final ReauthenticationId R1 = new ReauthenticationId("reauth_1");
    public static final ChangeId C1 = new ChangeId("chg_1");

    private Fixtures() {
    }

    public static BusinessNumber optedIn() {
        return optedIn(AcknowledgementPolicy.NONE);
    }

    public static BusinessNumber optedIn(AcknowledgementPolicy policy) {
        return BusinessNumber.unknown(KEY.business()).optIn(T0).withPolicy(policy);
    }

    public static BusinessNumber notOptedIn() {
        return BusinessNumber.unknown(KEY.business());
    }

    public static Instant t(int seconds) {
        return T0.plusSeconds(seconds);
    }

    /** Unwraps a result that must have changed the contact. */
    public static ContactTrust changed(CommandResult result) {
        if (result instanceof CommandResult.Changed changed) {
            return changed.contact();
        }
        throw new AssertionError("expected a change, got " + result);
    }

    /** UNVERIFIED with baseline H1 seen at t(10). */
    public static ContactTrust unverified() {
        return changed(ContactTrust.newContact(KEY, NAMES)
                .identitySeen(H1, t(10), SignalSource.WHATSAPP_MESSAGE, C1, optedIn(), t(10)));
    }

    public static ContactTrust trusted() {
        return changed(unverified().authenticated(ALICE, Evidence.NONE, t(20)));
    }

    /** IDENTITY_CHANGED from H1 to H2 (WhatsApp's timestamp t(30)). */
    public static ContactTrust identityChanged() {
        return changed(trusted().identityChanged(Optional.of(H2), t(30), SignalSource.WHATSAPP_SYSTEM,
                new ChangeId("chg_2"), optedIn(), t(30)));
    }

    /** IDENTITY_CHANGED with a new identity WhatsApp did not name. */
    public static ContactTrust identityChangedUnknown() {
        return changed(trusted().identityChanged(Optional.empty(), t(30), SignalSource.WHATSAPP_SYSTEM,
                new ChangeId("chg_2"), optedIn(), t(30)));
    }

    public static ContactTrust reauthenticating() {
        return changed(identityChanged().startReauthentication(R1, ALICE, t(40)));
    }

    public static ContactTrust reauthenticationPassed() {
        return changed(reauthenticating().reauthenticationResult(R1, true, Evidence.NONE, ALICE, t(50)));
    }

    /** UNVERIFIED with baseline H3 taken on first use at t(35), later than every other fixture's identity. */
    public static ContactTrust unverifiedLater() {
        return changed(ContactTrust.newContact(KEY, NAMES)
                .identitySeen(H3, t(35), SignalSource.WHATSAPP_MESSAGE, C1, optedIn(), t(35)));
    }

    /** {@code contact} as the second contact of the business ({@link #OTHER_KEY}, {@link #OTHER_NAMES}). */
    public static ContactTrust asOther(ContactTrust contact) {
        return new ContactTrust(OTHER_KEY, OTHER_NAMES, contact.state(), contact.identityHash(), contact.identityAsOf(),
                contact.pinnedHash(), contact.verifiedHash(), contact.pendingChange(), contact.reauthentication(),
                contact.version(), contact.updatedAt(), contact.identityOnFirstUse());
    }

    public static ContactTrust acknowledged() {
        return changed(identityChanged().acknowledge(H2, ALICE, Evidence.NONE, optedIn(), t(60)));
    }
}
