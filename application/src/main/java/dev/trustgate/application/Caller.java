package dev.trustgate.application;

import dev.trustgate.domain.Actor;
import dev.trustgate.domain.BusinessNumberId;
import java.util.Set;

/**
 * The authenticated API key behind a request. The admin key may act for every business number;
 * any other key only for its own, and another business's data is answered as not found.
 */
public record Caller(Actor actor, boolean admin, Set<BusinessNumberId> businesses) {

    public Caller {
        if (actor == null) {
            throw new IllegalArgumentException("actor is required");
        }
        businesses = Set.copyOf(businesses);
    }

    public static Caller admin(Actor actor) {
        return new Caller(actor, true, Set.of());
    }

    public static Caller scoped(Actor actor, Set<BusinessNumberId> businesses) {
        return new Caller(actor, false, businesses);
    }

    public boolean maySee(BusinessNumberId business) {
        return admin || businesses.contains(business);
    }

    /** Throws not-found (never forbidden) so a key cannot even learn that another business exists. */
    public void requireAccess(BusinessNumberId business) {
        if (!maySee(business)) {
            throw TrustgateException.notFound("business number");
        }
    }

    public void requireAdmin() {
        if (!admin) {
            throw new TrustgateException(ErrorCode.FORBIDDEN, "only the admin key may do this");
        }
    }
}
