package dev.trustgate.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trustgate.application.ErrorCode;
import dev.trustgate.application.TrustgateException;
import dev.trustgate.application.port.in.AuditReport;
import dev.trustgate.application.port.in.VerifyAuditChainUseCase;
import dev.trustgate.application.port.out.RecordedEvent;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class VerifyAuditChainServiceTest extends ServiceTestSupport {

    private AuditReport verify() {
        return services.verifyAudit.verify(new VerifyAuditChainUseCase.Query(ALICE, BUSINESS));
    }

    @Test
    void anIntactChainIsReportedValidWithTheEventsChecked() {
        optIn();
        baseline();
        identityChanges();

        AuditReport report = verify();

        assertThat(report.valid()).isTrue();
        assertThat(report.checked()).isEqualTo(eventTypes().size());
        assertThat(report.firstBreak()).isEmpty();
    }

    @Test
    void anEditedEventIsNamedWithItsSequenceAndTheKindOfBreak() {
        optIn();
        baseline();
        identityChanges();
        RecordedEvent second = core.events.read(BUSINESS, 1, 1).get(0);
        core.events.tamper(BUSINESS, 2, new RecordedEvent(second.sequence(), second.type(), second.contact(), second.at(),
                second.actor(), Map.of("forged", "yes"), second.previousHash(), second.hash(), second.format()));

        AuditReport report = verify();

        assertThat(report.valid()).isFalse();
        assertThat(report.firstBreak()).contains(new AuditReport.Break(2, AuditReport.Problem.EDITED));
        assertThat(report.firstBreak().map(b -> b.problem().code())).isEqualTo(Optional.of("edited"));
    }

    @Test
    void newestEventsDeletedAreReportedAsTruncated() {
        optIn();
        baseline();
        identityChanges();
        core.events.delete(BUSINESS, core.events.head(BUSINESS));

        assertThat(verify().firstBreak()).hasValueSatisfying(b -> assertThat(b.problem()).isEqualTo(AuditReport.Problem.TRUNCATED));
    }

    @Test
    void anotherBusinessesKeyIsNotFound() {
        assertThatThrownBy(() -> services.verifyAudit.verify(new VerifyAuditChainUseCase.Query(MALLORY, BUSINESS)))
                .isInstanceOfSatisfying(TrustgateException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
    }
}
