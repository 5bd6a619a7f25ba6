package dev.trustgate.application.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trustgate.application.port.in.ContactTrustView;
import dev.trustgate.application.port.in.RecordAuthenticationUseCase;
import dev.trustgate.domain.Evidence;
import dev.trustgate.domain.RejectionReason;
import dev.trustgate.domain.TrustState;
import org.junit.jupiter.api.Test;

class RecordAuthenticationServiceTest extends ServiceTestSupport {

    private final RecordAuthenticationUseCase.Command authenticated = new RecordAuthenticationUseCase.Command(ALICE, CUSTOMER,
            new Evidence("id_check", "CASE-7", null, null));

    @Test
    void answersWithTheTrustedContactInOneTransaction() {
        optIn();
        baseline();
        int before = core.transactions.count();

        ContactTrustView view = changed(services.recordAuthentication.authenticated(authenticated));

        assertThat(core.transactions.count() - before).isEqualTo(1);
        assertThat(view.contact()).isEqualTo(stored());
        assertThat(view.contact().state()).isEqualTo(TrustState.TRUSTED);
        assertThat(view.contact().verifiedHash()).contains(OLD);
        assertThat(eventTypes()).endsWith("trust.established");
    }

    @Test
    void whileAChangeIsPendingItIsRefusedNamingTheStatesItAppliesIn() {
        optIn();
        baseline();
        identityChanges();

        assertThat(rejected(services.recordAuthentication.authenticated(authenticated))).satisfies(r -> {
            assertThat(r.reason()).isEqualTo(RejectionReason.INVALID_STATE);
            assertThat(r.state()).isEqualTo(TrustState.IDENTITY_CHANGED);
            assertThat(r.expectedStates()).containsExactlyInAnyOrder(TrustState.UNVERIFIED, TrustState.ACKNOWLEDGED,
                    TrustState.TRUSTED);
        });
        assertThat(eventTypes()).doesNotContain("trust.established");
    }
}
