package com.example.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.notifications.NotificationService.Delivery;
import com.example.notifications.whatsapp.CloudApiChannel;
import dev.trustgate.application.Caller;
import dev.trustgate.application.port.in.AcknowledgeIdentityChangeUseCase;
import dev.trustgate.application.port.in.AuditReport;
import dev.trustgate.application.port.in.ContactCommandResult;
import dev.trustgate.application.port.in.ContactSelector;
import dev.trustgate.application.port.in.ContactTrustView;
import dev.trustgate.application.port.in.GetContactTrustUseCase;
import dev.trustgate.application.port.in.OptInToIdentityChecksUseCase;
import dev.trustgate.application.port.in.ReadEventsUseCase;
import dev.trustgate.application.port.in.RecordAuthenticationUseCase;
import dev.trustgate.application.port.in.RecordReauthenticationResultUseCase;
import dev.trustgate.application.port.in.StartReauthenticationUseCase;
import dev.trustgate.application.port.in.VerifyAuditChainUseCase;
import dev.trustgate.application.port.out.RecordedEvent;
import dev.trustgate.application.service.TrustgateServices;
import dev.trustgate.domain.Actor;
import dev.trustgate.domain.BlockReason;
import dev.trustgate.domain.BusinessNumberId;
import dev.trustgate.domain.Evidence;
import dev.trustgate.domain.IdentityHash;
import dev.trustgate.domain.ReauthenticationId;
import dev.trustgate.domain.TrustState;
import dev.trustgate.domain.WaId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The seed's five steps, walked by a product that is not trustgate: the notification service, with trustgate's
 * domain and use cases over its own plain-JDBC database and its own HTTP client to a (fake) WhatsApp.
 */
class TrustLifecycleInTheProductTest {

    private static final BusinessNumberId BANK = new BusinessNumberId("106540352242922");
    private static final WaId CUSTOMER = new WaId("16505551234");
    private static final ContactSelector THE_CUSTOMER = new ContactSelector(BANK, CUSTOMER);
    private static final IdentityHash OLD = new IdentityHash("DF2lS5v2W6x=");
    private static final IdentityHash NEW = new IdentityHash("Qm9vbXNoYWthbGFrYQ==");
    private static final Instant T0 = Instant.parse("2026-06-01T09:00:00Z");
    /** The product's own users, as trustgate's audit trail names them. */
    private static final Caller PLATFORM_ADMIN = Caller.admin(new Actor("platform-admin"));
    private static final Caller NOTIFIER = Caller.scoped(new Actor("notification-service"), Set.of(BANK));
    private static final Caller FRAUD_DESK = Caller.scoped(new Actor("fraud-desk@bank"), Set.of(BANK));

    private final FakeGraphApi whatsApp = FakeGraphApi.start();
    private final DataSource database = ServiceDatabase.create();
    private final TrustgateServices trustgate = EmbeddedTrustgate.over(database,
            new CloudApiChannel(whatsApp.uri(), "service-token", Duration.ofSeconds(5)), Instant::now);
    private final NotificationService notifications = new NotificationService(trustgate.send, trustgate.recordSignals, BANK, NOTIFIER);

    @AfterEach
    void stopWhatsApp() {
        whatsApp.close();
    }

    /** The contact as a command that had to change it left it. */
    private static ContactTrustView changed(ContactCommandResult result) {
        return result.fold(ContactCommandResult.Changed::view, ignored -> {
            throw new AssertionError("expected a change, the command was ignored: " + ignored);
        }, rejected -> {
            throw new AssertionError("expected a change, the command was refused: " + rejected);
        });
    }

    private TrustState state() {
        return trustgate.getContact.get(new GetContactTrustUseCase.Query(FRAUD_DESK, THE_CUSTOMER)).contact().state();
    }

    private Delivery notifyCustomer(boolean sensitive) {
        return notifications.notify(CUSTOMER, sensitive ? "Your statement is ready" : "We have news for you", sensitive);
    }

    @Test
    void blocksEveryNotificationFromTheIdentityChangeUntilTheBankAcknowledgesItAndTrustsTheReauthenticatedCustomerAgain() {
        // 1. The bank opts in; the customer writes (trustgate learns their identity); the bank authenticates them.
        trustgate.optIn.setIdentityChecks(new OptInToIdentityChecksUseCase.Command(PLATFORM_ADMIN, BANK, true));
        assertThat(whatsApp.requests()).singleElement().satisfies(r -> {
            assertThat(r.path()).isEqualTo("/v25.0/" + BANK.value() + "/settings");
            assertThat(r.body()).contains("\"enable_identity_key_check\":true");
        });
        notifications.customerWrote(CUSTOMER, "wamid.IN1", OLD, T0);
        trustgate.recordAuthentication.authenticated(new RecordAuthenticationUseCase.Command(FRAUD_DESK, THE_CUSTOMER,
                new Evidence("branch", "KYC-7", null, null)));
        assertThat(notifyCustomer(true)).isInstanceOfSatisfying(Delivery.Sent.class,
                sent -> assertThat(sent.pinnedTo()).contains(OLD));

        // 2. WhatsApp reports a different identity for the customer.
        notifications.customerWrote(CUSTOMER, "wamid.IN2", NEW, T0.plusSeconds(3600));

        // 3. Trust is broken: nothing goes out, ordinary or sensitive, and WhatsApp is not even asked.
        assertThat(state()).isEqualTo(TrustState.IDENTITY_CHANGED);
        int sentBefore = whatsApp.messages().size();
        assertThat(notifyCustomer(false)).isEqualTo(new Delivery.Withheld(BlockReason.IDENTITY_CHANGE_UNACKNOWLEDGED));
        assertThat(notifyCustomer(true)).isEqualTo(new Delivery.Withheld(BlockReason.IDENTITY_CHANGE_UNACKNOWLEDGED));
        assertThat(whatsApp.messages()).hasSize(sentBefore);

        // 4. The fraud desk re-authenticates the customer off WhatsApp: passed, and still nothing goes out.
        ReauthenticationId reauthentication = changed(trustgate.startReauthentication.start(
                new StartReauthenticationUseCase.Command(FRAUD_DESK, THE_CUSTOMER))).contact().reauthentication().orElseThrow().id();
        trustgate.reauthenticationResult.record(new RecordReauthenticationResultUseCase.Command(FRAUD_DESK, THE_CUSTOMER,
                reauthentication, true, new Evidence("video_call", "CASE-42", null, null)));
        assertThat(state()).isEqualTo(TrustState.RE_AUTHENTICATING);
        assertThat(notifyCustomer(false)).isInstanceOf(Delivery.Withheld.class);

        // 5. The fraud desk acknowledges the new identity: trusted again, notifications pinned to the new identity.
        ContactTrustView acknowledged = changed(trustgate.acknowledge.acknowledge(
                new AcknowledgeIdentityChangeUseCase.Command(FRAUD_DESK, THE_CUSTOMER, NEW, Evidence.NONE)));
        assertThat(acknowledged.contact().state()).isEqualTo(TrustState.TRUSTED);
        assertThat(acknowledged.sendAllowed()).isTrue();
        assertThat(notifyCustomer(true)).isInstanceOfSatisfying(Delivery.Sent.class,
                sent -> assertThat(sent.pinnedTo()).contains(NEW));

        assertThat(whatsApp.messages()).extracting(FakeGraphApi.Request::body).satisfiesExactly(
                first -> assertThat(first).contains("\"recipient_identity_key_hash\":\"" + OLD.value() + "\""),
                last -> assertThat(last).contains("\"recipient_identity_key_hash\":\"" + NEW.value() + "\""));
        assertThat(whatsApp.requests()).allSatisfy(r -> assertThat(r.authorization()).isEqualTo("Bearer service-token"));
    }

    @Test
    void keepsTheAuditTrailInTheProductsOwnDatabaseWhereTrustgateVerifiesIt() throws SQLException {
        trustgate.optIn.setIdentityChecks(new OptInToIdentityChecksUseCase.Command(PLATFORM_ADMIN, BANK, true));
        notifications.customerWrote(CUSTOMER, "wamid.IN1", OLD, T0);
        notifications.customerWrote(CUSTOMER, "wamid.IN1", OLD, T0);      // WhatsApp delivers a webhook twice
        notifications.customerWrote(CUSTOMER, "wamid.IN2", NEW, T0.plusSeconds(60));
        notifyCustomer(false);

        List<String> feed = trustgate.readEvents.read(new ReadEventsUseCase.Query(FRAUD_DESK, BANK, 0, 100)).events().stream()
                .map(RecordedEvent::type).toList();
        assertThat(feed).containsExactly("identity.baseline", "identity.changed", "trust.broken", "message.blocked");
        assertThat(typesInTheProductsTables()).isEqualTo(feed);
        assertThat(trustgate.verifyAudit.verify(new VerifyAuditChainUseCase.Query(FRAUD_DESK, BANK)).valid()).isTrue();

        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement()) {
            statement.executeUpdate("UPDATE tg_events SET actor = 'someone-else' WHERE sequence = 2");
        }
        assertThat(trustgate.verifyAudit.verify(new VerifyAuditChainUseCase.Query(FRAUD_DESK, BANK)).firstBreak())
                .contains(new AuditReport.Break(2, AuditReport.Problem.EDITED));
    }

    private List<String> typesInTheProductsTables() throws SQLException {
        List<String> types = new ArrayList<>();
        try (Connection connection = database.getConnection();
             PreparedStatement statement = connection.prepareStatement(
                     "SELECT type FROM tg_events WHERE phone_number_id = ? ORDER BY sequence")) {
            statement.setString(1, BANK.value());
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    types.add(rs.getString(1));
                }
            }
        }
        return types;
    }

    @Test
    void aCustomerTrustgateNeverHeardOfGetsOrdinaryNotificationsButNoSensitiveOnes() {
        trustgate.optIn.setIdentityChecks(new OptInToIdentityChecksUseCase.Command(PLATFORM_ADMIN, BANK, true));

        assertThat(notifyCustomer(false)).isInstanceOfSatisfying(Delivery.Sent.class, sent -> assertThat(sent.pinnedTo()).isEmpty());
        assertThat(notifyCustomer(true)).isEqualTo(new Delivery.Withheld(BlockReason.NOT_TRUSTED));
        assertThat(state()).isEqualTo(TrustState.UNVERIFIED);
    }
}
