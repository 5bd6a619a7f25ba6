package dev.trustgate.application.port.in;

import dev.trustgate.application.Caller;
import dev.trustgate.application.Requests;
import dev.trustgate.domain.BusinessNumber;
import dev.trustgate.domain.BusinessNumberId;
import dev.trustgate.domain.SimSwapPolicy;

/** Sets what a SIM swap of a customer's number does to a business number's customers (admin only). */
public interface SetSimSwapPolicyUseCase {

    BusinessNumber setSimSwapPolicy(Command command);

    /** Set {@code business}'s SIM-swap policy (admin only). */
    record Command(Caller caller, BusinessNumberId business, SimSwapPolicy policy) {
        public Command {
            Requests.required("caller", caller);
            Requests.required("phoneNumberId", business);
            Requests.required("policy", policy);
        }
    }
}
