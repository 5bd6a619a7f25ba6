package dev.trustgate.application.service;

import dev.trustgate.application.port.in.SetAcknowledgementPolicyUseCase;
import dev.trustgate.application.port.out.BusinessStore;
import dev.trustgate.application.port.out.Transactions;
import dev.trustgate.domain.BusinessNumber;

/** {@link SetAcknowledgementPolicyUseCase}, on the business number's locked row: two changes never overwrite each other. */
public final class SetAcknowledgementPolicyService implements SetAcknowledgementPolicyUseCase {

    private final Transactions transactions;
    private final BusinessStore businesses;

    public SetAcknowledgementPolicyService(Transactions transactions, BusinessStore businesses) {
        this.transactions = transactions;
        this.businesses = businesses;
    }

    @Override
    public BusinessNumber setPolicy(Command command) {
        command.caller().requireAdmin();
        return transactions.inTransaction(() -> {
            BusinessNumber next = businesses.findOrUnknownForUpdate(command.business())
                    .withPolicy(command.policy());
            businesses.save(next);
            return next;
        });
    }
}
