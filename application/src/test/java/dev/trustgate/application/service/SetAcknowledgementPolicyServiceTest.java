package dev.trustgate.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trustgate.application.ErrorCode;
import dev.trustgate.application.TrustgateException;
import dev.trustgate.application.port.in.SetAcknowledgementPolicyUseCase;
import dev.trustgate.application.port.out.BusinessStore;
import dev.trustgate.domain.AcknowledgementPolicy;
import dev.trustgate.domain.BusinessNumber;
import dev.trustgate.domain.BusinessNumberId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SetAcknowledgementPolicyServiceTest extends ServiceTestSupport {

    private BusinessNumber setPolicy(AcknowledgementPolicy policy) {
        return services.setPolicy.setPolicy(new SetAcknowledgementPolicyUseCase.Command(ADMIN, BUSINESS, policy));
    }

    @Test
    void theAdminSetsAPolicyWhichIsStoredAndAnswered() {
        BusinessNumber set = setPolicy(AcknowledgementPolicy.FOUR_EYES);

        assertThat(set.policy()).isEqualTo(AcknowledgementPolicy.FOUR_EYES);
        assertThat(core.businesses.find(BUSINESS)).contains(set);

        assertThat(setPolicy(AcknowledgementPolicy.REAUTHENTICATION_REQUIRED).policy())
                .isEqualTo(AcknowledgementPolicy.REAUTHENTICATION_REQUIRED);
        assertThat(core.businesses.find(BUSINESS)).hasValueSatisfying(
                b -> assertThat(b.policy()).isEqualTo(AcknowledgementPolicy.REAUTHENTICATION_REQUIRED));
    }

    @Test
    void aNumberTrustgateNeverHeardOfGetsThePolicyAndStaysOptedOut() {
        BusinessNumber set = setPolicy(AcknowledgementPolicy.FOUR_EYES);

        assertThat(set.optedIn()).isFalse();
        assertThat(set.since()).isEmpty();
    }

    @Test
    void aPolicyChangeKeepsTheOptInItFindsOnTheRow() {
        optIn();
        Instant optedInAt = core.clock.now();
        core.clock.advance(Duration.ofMinutes(5));

        setPolicy(AcknowledgementPolicy.FOUR_EYES);

        assertThat(core.businesses.find(BUSINESS)).hasValueSatisfying(b -> {
            assertThat(b.optedIn()).isTrue();
            assertThat(b.since()).contains(optedInAt);
            assertThat(b.policy()).isEqualTo(AcknowledgementPolicy.FOUR_EYES);
        });
    }

    /** Opt-in and policy changes write the same row: each reads it locked, so neither overwrites the other. */
    @Test
    void thePolicyIsChangedOnTheLockedRowInsideTheTransaction() {
        List<String> reads = new ArrayList<>();
        BusinessStore recording = new BusinessStore() {
            @Override
            public Optional<BusinessNumber> find(BusinessNumberId id) {
                reads.add("find");
                return core.businesses.find(id);
            }

            @Override
            public Optional<BusinessNumber> findForUpdate(BusinessNumberId id) {
                reads.add("findForUpdate");
                return core.businesses.findForUpdate(id);
            }

            @Override
            public void save(BusinessNumber business) {
                reads.add("save");
                core.businesses.save(business);
            }
        };
        int before = core.transactions.count();

        new SetAcknowledgementPolicyService(services.transactions, recording)
                .setPolicy(new SetAcknowledgementPolicyUseCase.Command(ADMIN, BUSINESS, AcknowledgementPolicy.FOUR_EYES));

        assertThat(reads).containsExactly("findForUpdate", "save");
        assertThat(core.transactions.count() - before).as("the read and the write in one transaction").isEqualTo(1);
    }

    @Test
    void onlyTheAdminSetsPolicies() {
        assertThatThrownBy(() -> services.setPolicy.setPolicy(
                new SetAcknowledgementPolicyUseCase.Command(ALICE, BUSINESS, AcknowledgementPolicy.NONE)))
                .isInstanceOfSatisfying(TrustgateException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.FORBIDDEN));
        assertThat(core.businesses.find(BUSINESS)).isEmpty();
    }

    @Test
    void aRefusedChangeLeavesThePolicyInForce() {
        setPolicy(AcknowledgementPolicy.FOUR_EYES);

        assertThatThrownBy(() -> services.setPolicy.setPolicy(
                new SetAcknowledgementPolicyUseCase.Command(ALICE, BUSINESS, AcknowledgementPolicy.NONE)))
                .isInstanceOfSatisfying(TrustgateException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.FORBIDDEN));
        assertThatThrownBy(() -> new SetAcknowledgementPolicyUseCase.Command(ADMIN, BUSINESS, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("policy");

        assertThat(core.businesses.find(BUSINESS)).hasValueSatisfying(
                b -> assertThat(b.policy()).isEqualTo(AcknowledgementPolicy.FOUR_EYES));
    }
}
