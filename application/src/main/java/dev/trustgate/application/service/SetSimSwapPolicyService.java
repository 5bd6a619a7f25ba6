package dev.trustgate.application.service;

import dev.trustgate.application.port.in.SetSimSwapPolicyUseCase;
import dev.trustgate.application.port.out.BusinessStore;
import dev.trustgate.application.port.out.Transactions;
import dev.trustgate.domain.BusinessNumber;

/** {@link SetSimSwapPolicyUseCase}, on the business number's locked row: two changes never overwrite each other. */
public final class SetSimSwapPolicyService implements SetSimSwapPolicyUseCase {

    private final Transactions transactions;
    private final BusinessStore businesses;

    public SetSimSwapPolicyService(Transactions transactions, BusinessStore businesses) {
        this.transactions = transactions;
        this.businesses = businesses;
    }

    @Override
    public BusinessNumber setSimSwapPolicy(Command command) {
        command.caller().requireAdmin();
        return transactions.inTransaction(() -> {
            BusinessNumber next = businesses.findOrUnknownForUpdate(command.business()).withSimSwapPolicy(command.policy())
                    .withSimSwapCheck(command.reauthenticationCheckHours());
            businesses.save(next);
            return next;
        });
    }
}
