package dev.trustgate.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trustgate.application.ErrorCode;
import dev.trustgate.application.TrustgateException;
import dev.trustgate.application.port.in.MarkMessageReadUseCase;
import dev.trustgate.application.port.out.WhatsAppGateway.ReadOutcome;
import org.junit.jupiter.api.Test;

class MarkMessageReadServiceTest extends ServiceTestSupport {

    private static final String READ = "{\"messaging_product\":\"whatsapp\",\"status\":\"read\",\"message_id\":\"wamid.1\"}";

    @Test
    void passesThroughUngatedEvenWhileAChangeIsPendingWithWhatsAppsAnswer() {
        optIn();
        baseline();
        identityChanges();

        MarkMessageReadUseCase.Answer answer = services.markRead.markRead(new MarkMessageReadUseCase.Command(ALICE, BUSINESS, READ));

        assertThat(answer).isEqualTo(new MarkMessageReadUseCase.Answer(200, "{\"success\":true}"));
        assertThat(core.whatsApp.readReceipts()).containsExactly(READ);
    }

    @Test
    void whatsAppNotAnsweringIsAnUpstreamError() {
        core.whatsApp.answerNextReadWith(new ReadOutcome.Unavailable("connection refused"));

        assertThatThrownBy(() -> services.markRead.markRead(new MarkMessageReadUseCase.Command(ALICE, BUSINESS, READ)))
                .isInstanceOfSatisfying(TrustgateException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.UPSTREAM_ERROR);
                    assertThat(e.getMessage()).contains("connection refused");
                });
    }
}
