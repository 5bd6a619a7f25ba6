package dev.trustgate.application.port.in;

import dev.trustgate.application.Caller;
import dev.trustgate.application.Requests;
import dev.trustgate.domain.BusinessNumberId;

/**
 * Re-computes a business's audit hash chain up to its head and names the first broken link and what kind of break
 * it is: an edited event, a missing one, a chain truncated before its head, or a head that does not match.
 */
public interface VerifyAuditChainUseCase {

    AuditReport verify(Query query);

    /** The business number whose chain to verify. */
    record Query(Caller caller, BusinessNumberId business) {
        public Query {
            Requests.required("caller", caller);
            Requests.required("phoneNumberId", business);
        }
    }
}
