package dev.trustgate.application.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trustgate.application.port.in.AcknowledgeIdentityChangeUseCase;
import dev.trustgate.application.port.in.ReleaseHeldMessageUseCase;
import dev.trustgate.application.port.in.SendMessageUseCase;
import dev.trustgate.application.port.in.SendMessageUseCase.OnBlocked;
import dev.trustgate.application.port.in.SendMessageUseCase.Result;
import dev.trustgate.domain.BlockReason;
import dev.trustgate.domain.Evidence;
import dev.trustgate.domain.HeldMessage;
import org.junit.jupiter.api.Test;

class ReleaseHeldMessageServiceTest extends ServiceTestSupport {

    private String held() {
        optIn();
        baseline();
        identityChanges();
        return ((Result.Held) services.send.send(new SendMessageUseCase.Command(ALICE, BUSINESS, TO, TEXT, false, OnBlocked.HOLD)))
                .heldMessageId();
    }

    private Result release(String id) {
        return services.release.release(new ReleaseHeldMessageUseCase.Command(ALICE, id));
    }

    @Test
    void whileTheGateStillRefusesTheMessageStaysHeldAndNothingLeaves() {
        String id = held();
        int before = core.transactions.count();

        assertThat(release(id)).isEqualTo(new Result.Blocked(BlockReason.IDENTITY_CHANGE_UNACKNOWLEDGED));

        assertThat(core.transactions.count() - before).as("the decision only").isEqualTo(1);
        assertThat(core.messages.findHeld(id)).hasValueSatisfying(m -> assertThat(m.status()).isEqualTo(HeldMessage.Status.HELD));
        assertThat(core.whatsApp.forwarded()).isEmpty();
        assertThat(eventTypes()).doesNotContain("message.released");
    }

    @Test
    void onceAllowedItIsSentPinnedToTheIdentityAcknowledgedNowAndRecordedAsReleased() {
        String id = held();
        services.acknowledge.acknowledge(new AcknowledgeIdentityChangeUseCase.Command(ALICE, CUSTOMER, NEW, Evidence.NONE));
        int before = core.transactions.count();

        Result released = release(id);

        assertThat(released).isInstanceOfSatisfying(Result.Sent.class, s -> assertThat(s.pin()).contains(NEW));
        assertThat(core.transactions.count() - before).as("the decision, then WhatsApp's answer").isEqualTo(2);
        assertThat(core.whatsApp.forwarded()).singleElement().satisfies(f -> assertThat(f.pin()).contains(NEW));
        assertThat(core.messages.findHeld(id)).hasValueSatisfying(
                m -> assertThat(m.status()).isEqualTo(HeldMessage.Status.RELEASED));
        assertThat(eventTypes()).endsWith("message.released");
    }

    @Test
    void aReleaseRefusedBeforeAnythingIsWrittenLetsItsTransactionCommitSoItFailsNoneItShares() {
        optIn();
        java.util.concurrent.atomic.AtomicInteger commits = new java.util.concurrent.atomic.AtomicInteger();
        core.transactions.afterEachCommit(commits::incrementAndGet);

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> release("held_nobody_has"))
                .isInstanceOfSatisfying(dev.trustgate.application.TrustgateException.class,
                        e -> assertThat(e.code()).isEqualTo(dev.trustgate.application.ErrorCode.NOT_FOUND));
        // where sends commit in groups, a refusal thrown inside the transaction would roll back every send sharing it
        assertThat(commits).as("the refusal is answered after its transaction committed").hasValue(1);
        assertThat(core.whatsApp.forwarded()).isEmpty();
    }
}
