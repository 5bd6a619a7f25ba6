package com.example.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.notifications.NotificationService.Delivery;
import dev.trustgate.application.Caller;
import dev.trustgate.application.fakes.InMemoryTrustgate;
import dev.trustgate.application.port.in.OptInToIdentityChecksUseCase;
import dev.trustgate.domain.Actor;
import dev.trustgate.domain.BlockReason;
import dev.trustgate.domain.BusinessNumberId;
import dev.trustgate.domain.IdentityHash;
import dev.trustgate.domain.WaId;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The product's own unit test, over trustgate's in-memory ports (the {@code trustgate-application} test-jar): no
 * database, no HTTP, the same use cases.
 */
class NotificationServiceTest {

    private static final BusinessNumberId BANK = new BusinessNumberId("106540352242922");
    private static final WaId CUSTOMER = new WaId("16505551234");
    private static final Caller ADMIN = Caller.admin(new Actor("platform-admin"));

    private final InMemoryTrustgate trustgate = new InMemoryTrustgate();
    private final NotificationService notifications = new NotificationService(trustgate.services.send,
            trustgate.services.recordSignals, BANK, Caller.scoped(new Actor("notification-service"), Set.of(BANK)));

    @Test
    void theTextReachesWhatsAppAsOneValidJsonStringWhateverItContains() {
        notifications.notify(CUSTOMER, "Payment \"42\" sent\nto C:\\accounts\t\u0001", false);

        assertThat(trustgate.whatsApp.forwarded()).singleElement().satisfies(sent -> assertThat(sent.body())
                .contains("\"to\":\"16505551234\"")
                .contains("\"body\":\"Payment \\\"42\\\" sent\\nto C:\\\\accounts\\t\\u0001\""));
    }

    @Test
    void aWebhookWhatsAppDeliversTwiceChangesTheIdentityOnce() {
        trustgate.services.optIn.setIdentityChecks(new OptInToIdentityChecksUseCase.Command(ADMIN, BANK, true));
        notifications.customerWrote(CUSTOMER, "wamid.IN1", new IdentityHash("DF2lS5v2W6x="), Instant.parse("2026-06-01T09:00:00Z"));
        Instant later = Instant.parse("2026-06-01T10:00:00Z");

        notifications.customerWrote(CUSTOMER, "wamid.IN2", new IdentityHash("Qm9vbXNoYWthbGFrYQ=="), later);
        notifications.customerWrote(CUSTOMER, "wamid.IN2", new IdentityHash("Qm9vbXNoYWthbGFrYQ=="), later);

        assertThat(trustgate.events.read(BANK, 0, 100)).extracting(e -> e.type())
                .containsExactly("identity.baseline", "identity.changed", "trust.broken");
        assertThat(notifications.notify(CUSTOMER, "hello", false))
                .isEqualTo(new Delivery.Withheld(BlockReason.IDENTITY_CHANGE_UNACKNOWLEDGED));
    }

    @Test
    void aMessageWhatsAppRefusesIsReportedAsRefused() {
        trustgate.whatsApp.refuseNextSend(131026, "Message undeliverable");

        assertThat(notifications.notify(CUSTOMER, "hello", false)).isInstanceOf(Delivery.Refused.class);
    }
}
