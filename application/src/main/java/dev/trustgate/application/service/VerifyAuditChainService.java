package dev.trustgate.application.service;

import dev.trustgate.application.port.in.VerifyAuditChainUseCase;
import dev.trustgate.application.port.out.EventLog;

public final class VerifyAuditChainService implements VerifyAuditChainUseCase {

    private final Retry retry;
    private final EventLog events;

    public VerifyAuditChainService(Retry retry, EventLog events) {
        this.retry = retry;
        this.events = events;
    }

    @Override
    public EventLog.AuditVerification verify(Query query) {
        query.caller().requireAccess(query.business());
        return retry.inTransaction(() -> events.verify(query.business()));
    }
}
