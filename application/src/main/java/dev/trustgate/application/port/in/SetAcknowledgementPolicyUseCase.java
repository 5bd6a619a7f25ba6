package dev.trustgate.application.port.in;

import dev.trustgate.application.Caller;
import dev.trustgate.application.Requests;
import dev.trustgate.domain.AcknowledgementPolicy;
import dev.trustgate.domain.BusinessNumber;
import dev.trustgate.domain.BusinessNumberId;

/** Sets what a business demands before an identity change may be acknowledged (admin only). */
public interface SetAcknowledgementPolicyUseCase {

    BusinessNumber setPolicy(Command command);

    /** Set what {@code business} demands before an identity change may be acknowledged (admin only). */
    record Command(Caller caller, BusinessNumberId business, AcknowledgementPolicy policy) {
        public Command {
            Requests.required("caller", caller);
            Requests.required("phoneNumberId", business);
            Requests.required("policy", policy);
        }
    }
}
