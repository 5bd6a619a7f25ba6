package dev.trustgate.application.service;

import dev.trustgate.application.port.in.AuditReport;
import dev.trustgate.application.port.in.VerifyAuditChainUseCase;
import dev.trustgate.application.port.out.EventLog;
import dev.trustgate.application.port.out.EventLog.AuditVerification;
import dev.trustgate.application.port.out.Transactions;
import java.util.Optional;

/** {@link VerifyAuditChainUseCase}: the event log re-checks the chain with {@link dev.trustgate.application.AuditChain}. */
public final class VerifyAuditChainService implements VerifyAuditChainUseCase {

    private final Transactions transactions;
    private final EventLog events;

    public VerifyAuditChainService(Transactions transactions, EventLog events) {
        this.transactions = transactions;
        this.events = events;
    }

    @Override
    public AuditReport verify(Query query) {
        query.caller().requireAccess(query.business());
        return report(transactions.inTransaction(() -> events.verify(query.business())));
    }

    private static AuditReport report(AuditVerification verification) {
        if (verification.valid()) {
            return new AuditReport(verification.checked(), Optional.empty());
        }
        AuditReport.Problem problem = switch (verification.problem()) {
            case EDITED -> AuditReport.Problem.EDITED;
            case MISSING -> AuditReport.Problem.MISSING;
            case TRUNCATED -> AuditReport.Problem.TRUNCATED;
            case HEAD_MISMATCH -> AuditReport.Problem.HEAD_MISMATCH;
        };
        return new AuditReport(verification.checked(),
                Optional.of(new AuditReport.Break(verification.firstBrokenSequence(), problem)));
    }
}
