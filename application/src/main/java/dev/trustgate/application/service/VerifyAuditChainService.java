package dev.trustgate.application.service;

import dev.trustgate.application.port.in.VerifyAuditChainUseCase;
import dev.trustgate.application.port.out.EventLog;
import dev.trustgate.application.port.out.Transactions;

public final class VerifyAuditChainService implements VerifyAuditChainUseCase {

    private final Transactions transactions;
    private final EventLog events;

    public VerifyAuditChainService(Transactions transactions, EventLog events) {
        this.transactions = transactions;
        this.events = events;
    }

    @Override
    public EventLog.AuditVerification verify(Query query) {
        query.caller().requireAccess(query.business());
        return transactions.inTransaction(() -> events.verify(query.business()));
    }
}
