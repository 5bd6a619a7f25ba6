package dev.trustgate.adapters.http.api;

import dev.trustgate.application.port.in.ContactTrustView;
import dev.trustgate.domain.Actor;
import dev.trustgate.domain.ContactAction;
import dev.trustgate.domain.ContactNames;
import dev.trustgate.domain.ContactTrust;
import dev.trustgate.domain.IdentityHash;
import dev.trustgate.domain.ParentUserId;
import dev.trustgate.domain.TrustState;
import dev.trustgate.domain.UserId;
import dev.trustgate.domain.WaId;
import java.time.Instant;
import java.util.List;

/**
 * The contact as the API shows it to one caller (DESIGN §5); an unknown hash is {@code null}. {@code allowedActions}
 * are what that caller may do with the contact now, as the domain decides: a screen offers those and nothing else.
 */
record ContactView(String phoneNumberId, String contactId, String waId, String userId, String parentUserId, String state,
                   boolean sendAllowed, boolean trusted, List<String> allowedActions, String identityHash, String pinnedHash, PendingChangeView pendingChange, ReauthenticationView reauthentication,
                   int heldMessages, Instant updatedAt, long version, BusinessView business) {

    /** {@code firstAcknowledgedBy}: under FOUR_EYES, the key that acknowledged first (a second key must follow). */
    record PendingChangeView(String id, String identityHash, Instant detectedAt, String firstAcknowledgedBy) {
    }

    /** What the business demands: whether it opted in, and the evidence its acknowledgement policy asks for. */
    record BusinessView(boolean identityChecks, String acknowledgementPolicy) {
    }

    record ReauthenticationView(String id, Instant startedAt, String outcome, int failedAttempts) {
    }

    static ContactView fromDomain(ContactTrustView view, Actor caller) {
        ContactTrust c = view.contact();
        ContactNames names = c.names();
        return new ContactView(c.key().business().value(), c.key().id().value(), names.waId().map(WaId::value).orElse(null),
                names.userId().map(UserId::value).orElse(null), names.parentUserId().map(ParentUserId::value).orElse(null),
                c.state().name(), view.sendAllowed(),
                c.state() == TrustState.TRUSTED, view.allowedActions(caller).stream().map(ContactAction::code).toList(),
                c.identityHash().map(IdentityHash::value).orElse(null),
                c.pinnedHash().map(IdentityHash::value).orElse(null),
                c.pendingChange().map(p -> new PendingChangeView(p.id().value(), p.hash().map(IdentityHash::value).orElse(null),
                        p.detectedAt(), p.firstAcknowledger().map(Actor::id).orElse(null))).orElse(null),
                c.reauthentication().map(r -> new ReauthenticationView(r.id().value(), r.startedAt(), r.outcome().code(),
                        r.attempts())).orElse(null),
                view.heldMessages(), c.updatedAt().orElse(null), c.version(),
                new BusinessView(view.business().optedIn(), view.business().policy().name()));
    }
}
