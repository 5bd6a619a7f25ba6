package dev.trustgate.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trustgate.application.ErrorCode;
import dev.trustgate.application.TrustgateException;
import dev.trustgate.application.port.in.ContactTrustView;
import dev.trustgate.application.port.in.GetContactTrustUseCase;
import dev.trustgate.application.port.in.SendMessageUseCase;
import dev.trustgate.application.port.in.SendMessageUseCase.OnBlocked;
import dev.trustgate.domain.TrustState;
import org.junit.jupiter.api.Test;

class GetContactTrustServiceTest extends ServiceTestSupport {

    @Test
    void showsTheContactWhatTheGateDecidesNowAndItsHeldMessages() {
        optIn();
        baseline();
        identityChanges();
        services.send.send(new SendMessageUseCase.Command(ALICE, BUSINESS, TO, TEXT, false, OnBlocked.HOLD));

        ContactTrustView view = services.getContact.get(new GetContactTrustUseCase.Query(ALICE, CUSTOMER));

        assertThat(view.contact()).isEqualTo(stored());
        assertThat(view.contact().state()).isEqualTo(TrustState.IDENTITY_CHANGED);
        assertThat(view.sendAllowed()).isFalse();
        assertThat(view.heldMessages()).isEqualTo(1);
        assertThat(view.business().optedIn()).isTrue();
    }

    @Test
    void anotherBusinessesKeyFindsNothing() {
        baseline();

        assertThatThrownBy(() -> services.getContact.get(new GetContactTrustUseCase.Query(MALLORY, CUSTOMER)))
                .isInstanceOfSatisfying(TrustgateException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
    }
}
