package dev.trustgate.adapters.http;

import dev.trustgate.application.port.in.GetContactTrustUseCase;
import dev.trustgate.domain.Actor;
import dev.trustgate.domain.ContactTrust;
import dev.trustgate.domain.IdentityHash;
import dev.trustgate.domain.TrustState;
import java.time.Instant;

/** The contact as the API shows it (DESIGN §5); an unknown hash is {@code null}. */
record ContactView(String phoneNumberId, String waId, String state, boolean sendAllowed, boolean trusted, String identityHash,
                   String pinnedHash, PendingChangeView pendingChange, ReauthenticationView reauthentication,
                   int heldMessages, Instant updatedAt, long version, BusinessView business) {

    /** {@code firstAcknowledgedBy}: under FOUR_EYES, the key that acknowledged first (a second key must follow). */
    record PendingChangeView(String id, String identityHash, Instant detectedAt, String firstAcknowledgedBy) {
    }

    /** What the business demands: whether it opted in, and the evidence its acknowledgement policy asks for. */
    record BusinessView(boolean identityChecks, String acknowledgementPolicy) {
    }

    record ReauthenticationView(String id, Instant startedAt, String outcome, int failedAttempts) {
    }

    static ContactView fromDomain(GetContactTrustUseCase.View view) {
        ContactTrust c = view.contact();
        return new ContactView(c.key().business().value(), c.key().waId().value(), c.state().name(), view.sendAllowed(),
                c.state() == TrustState.TRUSTED, c.identityHash().map(IdentityHash::value).orElse(null),
                c.pinnedHash().map(IdentityHash::value).orElse(null),
                c.pendingChange().map(p -> new PendingChangeView(p.id().value(), p.hash().map(IdentityHash::value).orElse(null),
                        p.detectedAt(), p.firstAcknowledger().map(Actor::id).orElse(null))).orElse(null),
                c.reauthentication().map(r -> new ReauthenticationView(r.id().value(), r.startedAt(), r.outcome().code(),
                        r.attempts())).orElse(null),
                view.heldMessages(), c.updatedAt().orElse(null), c.version(),
                new BusinessView(view.business().optedIn(), view.business().policy().name()));
    }
}
