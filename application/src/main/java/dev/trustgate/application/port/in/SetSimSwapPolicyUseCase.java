package dev.trustgate.application.port.in;

import dev.trustgate.application.Caller;
import dev.trustgate.application.Requests;
import dev.trustgate.domain.BusinessNumber;
import dev.trustgate.domain.BusinessNumberId;
import dev.trustgate.domain.SimSwapPolicy;

/**
 * Sets what a SIM swap of a customer's number does to a business number's customers, and whether a re-authentication
 * counts as passed only once the mobile operator says the customer's SIM was not swapped lately (admin only).
 */
public interface SetSimSwapPolicyUseCase {

    BusinessNumber setSimSwapPolicy(Command command);

    /**
     * Set {@code business}'s SIM-swap policy, and how many hours back the operator is asked about SIM swaps before a
     * re-authentication counts as passed ({@code reauthenticationCheckHours}, 0: not asked).
     */
    record Command(Caller caller, BusinessNumberId business, SimSwapPolicy policy, int reauthenticationCheckHours) {
        public Command {
            Requests.required("caller", caller);
            Requests.required("phoneNumberId", business);
            Requests.required("policy", policy);
            if (reauthenticationCheckHours < 0 || reauthenticationCheckHours > 2400) {
                throw new IllegalArgumentException("reauthenticationCheckHours must be 0 (no check) to 2400");
            }
        }

        /** The policy without a SIM-swap check of re-authentications. */
        public Command(Caller caller, BusinessNumberId business, SimSwapPolicy policy) {
            this(caller, business, policy, 0);
        }
    }
}
