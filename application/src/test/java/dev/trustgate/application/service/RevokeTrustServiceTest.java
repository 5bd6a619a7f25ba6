package dev.trustgate.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trustgate.application.ErrorCode;
import dev.trustgate.application.TrustgateException;
import dev.trustgate.application.port.in.ContactTrustView;
import dev.trustgate.application.port.in.RecordAuthenticationUseCase;
import dev.trustgate.application.port.in.RevokeTrustUseCase;
import dev.trustgate.domain.Evidence;
import dev.trustgate.domain.TrustState;
import org.junit.jupiter.api.Test;

class RevokeTrustServiceTest extends ServiceTestSupport {

    @Test
    void answersWithTheUntrustedContactInOneTransaction() {
        optIn();
        baseline();
        services.recordAuthentication.authenticated(new RecordAuthenticationUseCase.Command(ALICE, CUSTOMER, Evidence.NONE));
        int before = core.transactions.count();

        ContactTrustView view = changed(services.revokeTrust.revoke(new RevokeTrustUseCase.Command(ALICE, CUSTOMER, "unlinked")));

        assertThat(core.transactions.count() - before).isEqualTo(1);
        assertThat(view.contact()).isEqualTo(stored());
        assertThat(view.contact().state()).isEqualTo(TrustState.UNVERIFIED);
        assertThat(view.contact().verifiedHash()).isEmpty();
        assertThat(view.sendAllowed()).isTrue();
        assertThat(eventTypes()).endsWith("trust.revoked");
    }

    @Test
    void aContactTrustgateNeverHeardOfIsNotFound() {
        assertThatThrownBy(() -> services.revokeTrust.revoke(new RevokeTrustUseCase.Command(ALICE, CUSTOMER, null)))
                .isInstanceOfSatisfying(TrustgateException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
    }
}
