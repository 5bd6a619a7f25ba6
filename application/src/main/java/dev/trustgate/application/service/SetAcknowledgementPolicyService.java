package dev.trustgate.application.service;

import dev.trustgate.application.port.in.SetAcknowledgementPolicyUseCase;
import dev.trustgate.application.port.out.BusinessStore;
import dev.trustgate.domain.BusinessNumber;

public final class SetAcknowledgementPolicyService implements SetAcknowledgementPolicyUseCase {

    private final Retry retry;
    private final BusinessStore businesses;

    public SetAcknowledgementPolicyService(Retry retry, BusinessStore businesses) {
        this.retry = retry;
        this.businesses = businesses;
    }

    @Override
    public BusinessNumber setPolicy(Command command) {
        command.caller().requireAdmin();
        return retry.inTransaction(() -> {
            BusinessNumber next = businesses.findOrUnknownForUpdate(command.business())
                    .withPolicy(command.policy());
            businesses.save(next);
            return next;
        });
    }
}
