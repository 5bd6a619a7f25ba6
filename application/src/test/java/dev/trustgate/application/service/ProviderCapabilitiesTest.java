package dev.trustgate.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trustgate.application.ErrorCode;
import dev.trustgate.application.TrustgateException;
import dev.trustgate.application.fakes.FakeWhatsAppGateway.Confirmation;
import dev.trustgate.application.port.in.AcknowledgeIdentityChangeUseCase;
import dev.trustgate.application.port.in.RecordReauthenticationResultUseCase;
import dev.trustgate.application.port.in.SendMessageUseCase;
import dev.trustgate.application.port.in.SendMessageUseCase.OnBlocked;
import dev.trustgate.application.port.in.SetAcknowledgementPolicyUseCase;
import dev.trustgate.application.port.in.StartReauthenticationUseCase;
import dev.trustgate.application.port.out.OutboxEntry;
import dev.trustgate.application.port.out.WhatsAppGateway.Capabilities;
import dev.trustgate.application.port.out.WhatsAppGateway.ConfirmOutcome;
import dev.trustgate.application.port.out.WhatsAppGateway.IdentityChecks;
import dev.trustgate.application.port.out.WhatsAppGateway.SettingOutcome;
import dev.trustgate.domain.AcknowledgementPolicy;
import dev.trustgate.domain.Evidence;
import dev.trustgate.domain.ReauthenticationId;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The core asks the configured provider what it can do: what it cannot do is refused with a reason before
 * anything changes, and a provider that keeps its own identity block is told of every acknowledgement through
 * the outbox, only once the acknowledgement committed.
 */
class ProviderCapabilitiesTest extends ServiceTestSupport {

    /** Infobip as the core sees it: no pins, its own identity block, text and templates only. */
    private static final Capabilities BLOCKS_ITSELF = new Capabilities("infobip", false, IdentityChecks.PROVIDER_ACCOUNT, true,
            Set.of("text", "template"));

    private SendMessageUseCase.Result send(String body) {
        return services.send.send(new SendMessageUseCase.Command(ALICE, BUSINESS, TO, body, false, OnBlocked.REJECT));
    }

    private void acknowledge(dev.trustgate.application.Caller caller) {
        services.acknowledge.acknowledge(new AcknowledgeIdentityChangeUseCase.Command(caller, CUSTOMER, NEW, Evidence.NONE));
    }

    private List<OutboxEntry> confirmationsQueued() {
        return core.outbox.all().stream().filter(e -> e.kind() == OutboxEntry.Kind.CONFIRMATION).toList();
    }

    private void runDispatcher() {
        while (services.deliverNotifications.deliverDue(10) > 0) {
            // until nothing is due now
        }
    }

    @Test
    void aProviderThatCannotChangeTheSettingRefusesTheOptInWithItsReasonAndNothingIsRecorded() {
        core.whatsApp.answerSettingsWith(new SettingOutcome.Unsupported("ask the provider's support to enable it"));

        assertThatThrownBy(() -> optIn()).isInstanceOfSatisfying(TrustgateException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED_BY_PROVIDER);
            assertThat(e.getMessage()).contains("ask the provider's support to enable it");
        });
        assertThat(core.businesses.findOrUnknown(BUSINESS).optedIn()).isFalse();
    }

    @Test
    void aMessageTypeTheProviderCannotCarryIsRefusedNamingTheTypeBeforeTheGateDecidesAnything() {
        core.whatsApp.actAs(BLOCKS_ITSELF);
        core.whatsApp.cannotCarry("image");
        optIn();
        baseline();
        identityChanges();
        List<String> before = eventTypes();

        assertThatThrownBy(() -> send("{\"to\":\"16505551234\",\"type\":\"image\",\"image\":{\"link\":\"https://x/y.png\"}}"))
                .isInstanceOfSatisfying(TrustgateException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED_MESSAGE_TYPE);
                    assertThat(e.getMessage()).contains("image").contains("infobip");
                    assertThat(e.details()).containsEntry("type", "image");
                });
        assertThat(eventTypes()).as("not even recorded as blocked").isEqualTo(before);
        assertThat(core.whatsApp.forwarded()).isEmpty();
    }

    @Test
    void anAcknowledgementIsConfirmedAtAProviderThatBlocksItselfOnlyOnceItCommitted() {
        core.whatsApp.actAs(BLOCKS_ITSELF);
        optIn();
        baseline();
        identityChanges();
        assertThat(confirmationsQueued()).as("nothing to confirm while blocked").isEmpty();

        acknowledge(ALICE);

        assertThat(confirmationsQueued()).singleElement().satisfies(entry -> {
            assertThat(entry.business()).contains(BUSINESS);
            assertThat(entry.destination()).isEqualTo(OutboxEntry.IDENTITY_CONFIRMATIONS);
            assertThat(entry.orderingKey()).isEqualTo(key().id().value());
        });
        assertThat(core.whatsApp.confirmations()).as("queued with the acknowledgement, sent after its commit").isEmpty();
        runDispatcher();
        assertThat(core.whatsApp.confirmations()).containsExactly(new Confirmation(BUSINESS, WA_ID, NEW));
        assertThat(confirmationsQueued()).allSatisfy(e -> assertThat(e.status()).isEqualTo(OutboxEntry.Status.DELIVERED));
    }

    @Test
    void aStaleAcknowledgementConfirmsNothing() {
        core.whatsApp.actAs(BLOCKS_ITSELF);
        optIn();
        baseline();
        identityChanges();

        rejected(services.acknowledge.acknowledge(new AcknowledgeIdentityChangeUseCase.Command(ALICE, CUSTOMER, OLD, Evidence.NONE)));

        runDispatcher();
        assertThat(confirmationsQueued()).isEmpty();
        assertThat(core.whatsApp.confirmations()).isEmpty();
    }

    @Test
    void underFourEyesOnlyTheSecondKeysAcknowledgementIsConfirmed() {
        core.whatsApp.actAs(BLOCKS_ITSELF);
        optIn();
        services.setPolicy.setPolicy(new SetAcknowledgementPolicyUseCase.Command(ADMIN, BUSINESS, AcknowledgementPolicy.FOUR_EYES));
        baseline();
        identityChanges();
        ReauthenticationId reauthentication = changed(services.startReauthentication.start(
                new StartReauthenticationUseCase.Command(ALICE, CUSTOMER))).contact().reauthentication().orElseThrow().id();
        services.reauthenticationResult.record(new RecordReauthenticationResultUseCase.Command(ALICE, CUSTOMER, reauthentication,
                true, Evidence.NONE));

        acknowledge(ALICE);
        runDispatcher();
        assertThat(core.whatsApp.confirmations()).as("one key is not an acknowledgement").isEmpty();

        acknowledge(BOB);
        runDispatcher();
        assertThat(core.whatsApp.confirmations()).containsExactly(new Confirmation(BUSINESS, WA_ID, NEW));
    }

    @Test
    void aConfirmationTheProviderRefusesIsParkedWithItsReasonAndListedWithTheParkedDeliveries() {
        core.whatsApp.actAs(BLOCKS_ITSELF);
        core.whatsApp.answerConfirmationsWith(new ConfirmOutcome.Refused("infobip answered 409: Incorrect identity hash provided"));
        optIn();
        baseline();
        identityChanges();
        acknowledge(ALICE);

        runDispatcher();

        assertThat(services.parkedDeliveries.list(ADMIN, 100)).singleElement().satisfies(parked -> {
            assertThat(parked.kind()).isEqualTo(dev.trustgate.application.port.in.ParkedDelivery.Kind.CONFIRMATION);
            assertThat(parked.lastError()).hasValueSatisfying(error -> assertThat(error).contains("Incorrect identity hash provided"));
        });
        assertThat(services.parkedDeliveries.list(ALICE, 100)).as("the business's own key sees it too").hasSize(1);

        services.parkedDeliveries.redeliver(ADMIN, services.parkedDeliveries.list(ADMIN, 100).get(0).id());
        runDispatcher();
        assertThat(core.whatsApp.confirmations()).hasSize(2);
        assertThat(services.parkedDeliveries.list(ADMIN, 100)).isEmpty();
    }

    @Test
    void aProviderThatCannotBeReachedIsAskedAgainLater() {
        core.whatsApp.actAs(BLOCKS_ITSELF);
        core.whatsApp.answerConfirmationsWith(new ConfirmOutcome.RetryLater("infobip answered 429", Optional.of(Duration.ofSeconds(30))));
        optIn();
        baseline();
        identityChanges();
        acknowledge(ALICE);

        runDispatcher();
        assertThat(core.whatsApp.confirmations()).hasSize(1);
        assertThat(confirmationsQueued()).singleElement().satisfies(e -> {
            assertThat(e.status()).isEqualTo(OutboxEntry.Status.PENDING);
            assertThat(e.lastError()).contains("infobip answered 429");
        });

        core.clock.advance(Duration.ofSeconds(31));
        runDispatcher();
        assertThat(core.whatsApp.confirmations()).hasSize(2);
        assertThat(confirmationsQueued()).allSatisfy(e -> assertThat(e.status()).isEqualTo(OutboxEntry.Status.DELIVERED));
    }

    @Test
    void aProviderWithoutAnIdentityBlockOfItsOwnIsNeverAskedToConfirm() {
        optIn();
        baseline();
        identityChanges();
        acknowledge(ALICE);

        runDispatcher();
        assertThat(confirmationsQueued()).isEmpty();
    }

    @Test
    void aConfirmationLeftOverFromAProviderThatBlockedItselfIsParkedWhenTheProviderNoLongerConfirms() {
        core.whatsApp.actAs(BLOCKS_ITSELF);
        optIn();
        baseline();
        identityChanges();
        acknowledge(ALICE);

        core.whatsApp.actAs(dev.trustgate.application.fakes.FakeWhatsAppGateway.CLOUD_API);
        runDispatcher();

        assertThat(core.whatsApp.confirmations()).isEmpty();
        assertThat(services.parkedDeliveries.list(ADMIN, 100)).singleElement()
                .satisfies(parked -> assertThat(parked.lastError()).hasValueSatisfying(error -> assertThat(error).contains("cloud-api")));
    }
}
