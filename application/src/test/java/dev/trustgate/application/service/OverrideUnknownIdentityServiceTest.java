package dev.trustgate.application.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trustgate.application.port.in.ContactTrustView;
import dev.trustgate.application.port.in.OverrideUnknownIdentityUseCase;
import dev.trustgate.application.port.in.RecordIdentitySignalUseCase.Kind;
import dev.trustgate.domain.RejectionReason;
import dev.trustgate.domain.TrustState;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OverrideUnknownIdentityServiceTest extends ServiceTestSupport {

    private final OverrideUnknownIdentityUseCase.Command override = new OverrideUnknownIdentityUseCase.Command(ALICE, CUSTOMER,
            "verified in the branch, ticket 42");

    @Test
    void answersWithTheContactClearedAndUnpinnedInOneTransaction() {
        optIn();
        baseline();
        signal(Kind.CHANGED, Optional.empty(), 1_750_000_100L, "m2");
        int before = core.transactions.count();

        ContactTrustView view = changed(services.overrideUnknownIdentity.override(override));

        assertThat(core.transactions.count() - before).isEqualTo(1);
        assertThat(view.contact()).isEqualTo(stored());
        assertThat(view.contact().state()).isEqualTo(TrustState.ACKNOWLEDGED);
        assertThat(view.contact().pinnedHash()).isEmpty();
        assertThat(view.sendAllowed()).isTrue();
        assertThat(eventTypes()).endsWith("identity.overridden");
    }

    @Test
    void aKnownPendingIdentityIsRefusedForItMustBeAcknowledgedByItsHash() {
        optIn();
        baseline();
        identityChanges();

        assertThat(rejected(services.overrideUnknownIdentity.override(override))).satisfies(r -> {
            assertThat(r.reason()).isEqualTo(RejectionReason.INVALID_STATE);
            assertThat(r.state()).isEqualTo(TrustState.IDENTITY_CHANGED);
            assertThat(r.detail()).contains("acknowledge it by its hash");
        });
        assertThat(stored().state()).isEqualTo(TrustState.IDENTITY_CHANGED);
    }
}
