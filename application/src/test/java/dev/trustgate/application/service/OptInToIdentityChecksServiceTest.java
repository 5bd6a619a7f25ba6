package dev.trustgate.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trustgate.application.ErrorCode;
import dev.trustgate.application.TrustgateException;
import dev.trustgate.application.port.in.OptInToIdentityChecksUseCase;
import dev.trustgate.application.port.out.GraphError;
import dev.trustgate.application.port.out.WhatsAppGateway.SettingOutcome;
import dev.trustgate.domain.BusinessNumber;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OptInToIdentityChecksServiceTest extends ServiceTestSupport {

    private final OptInToIdentityChecksUseCase.Command optIn = new OptInToIdentityChecksUseCase.Command(ADMIN, BUSINESS, true);

    @Test
    void onceWhatsAppAppliedTheSettingTheBusinessIsOptedInSinceNow() {
        BusinessNumber business = services.optIn.setIdentityChecks(optIn);

        assertThat(business.optedIn()).isTrue();
        assertThat(business.since()).contains(core.clock.now());
        assertThat(core.businesses.find(BUSINESS)).contains(business);
        assertThat(core.whatsApp.identityChecks(BUSINESS)).contains(true);
    }

    @Test
    void aSettingWhatsAppRefusedIsAnUpstreamErrorAndOptsNothingIn() {
        core.whatsApp.answerSettingsWith(new SettingOutcome.Failed("refused",
                Optional.of(new GraphError(100, "OAuthException", "bad", "bad", "trace"))));

        assertThatThrownBy(() -> services.optIn.setIdentityChecks(optIn))
                .isInstanceOfSatisfying(TrustgateException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.UPSTREAM_ERROR);
                    assertThat(e.details()).containsEntry("graphCode", 100);
                });
        assertThat(core.businesses.find(BUSINESS)).isEmpty();
    }
}
