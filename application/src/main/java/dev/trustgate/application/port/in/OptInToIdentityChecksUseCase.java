package dev.trustgate.application.port.in;

import dev.trustgate.application.Caller;
import dev.trustgate.application.Requests;
import dev.trustgate.domain.BusinessNumber;
import dev.trustgate.domain.BusinessNumberId;

/**
 * Turns identity-change checks on or off for a business number, at WhatsApp and in trustgate (admin
 * only). Opting out stops new blocks but releases none.
 */
public interface OptInToIdentityChecksUseCase {

    BusinessNumber setIdentityChecks(Command command);

    /** Turn identity-change checks of {@code business} on ({@code enabled}) or off. */
    record Command(Caller caller, BusinessNumberId business, boolean enabled) {
        public Command {
            Requests.required("caller", caller);
            Requests.required("phoneNumberId", business);
        }
    }
}
