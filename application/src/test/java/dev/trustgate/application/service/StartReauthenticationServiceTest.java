package dev.trustgate.application.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trustgate.application.port.in.ContactTrustView;
import dev.trustgate.application.port.in.StartReauthenticationUseCase;
import dev.trustgate.domain.ReauthenticationOutcome;
import dev.trustgate.domain.RejectionReason;
import dev.trustgate.domain.TrustState;
import org.junit.jupiter.api.Test;

class StartReauthenticationServiceTest extends ServiceTestSupport {

    private final StartReauthenticationUseCase.Command start = new StartReauthenticationUseCase.Command(ALICE, CUSTOMER);

    @Test
    void answersWithTheRunningReauthenticationInOneTransaction() {
        optIn();
        baseline();
        identityChanges();
        int before = core.transactions.count();

        ContactTrustView view = changed(services.startReauthentication.start(start));

        assertThat(core.transactions.count() - before).isEqualTo(1);
        assertThat(view.contact()).isEqualTo(stored());
        assertThat(view.contact().state()).isEqualTo(TrustState.RE_AUTHENTICATING);
        assertThat(view.contact().reauthentication()).hasValueSatisfying(r -> {
            assertThat(r.outcome()).isEqualTo(ReauthenticationOutcome.PENDING);
            assertThat(r.startedAt()).isEqualTo(core.clock.now());
        });
        assertThat(view.sendAllowed()).isFalse();
    }

    @Test
    void withoutAPendingChangeItIsRefusedNamingTheStateItNeeds() {
        optIn();
        baseline();

        assertThat(rejected(services.startReauthentication.start(start))).satisfies(r -> {
            assertThat(r.reason()).isEqualTo(RejectionReason.INVALID_STATE);
            assertThat(r.state()).isEqualTo(TrustState.UNVERIFIED);
            assertThat(r.expectedStates()).containsExactly(TrustState.IDENTITY_CHANGED);
        });
        assertThat(eventTypes()).doesNotContain("reauthentication.started");
    }
}
