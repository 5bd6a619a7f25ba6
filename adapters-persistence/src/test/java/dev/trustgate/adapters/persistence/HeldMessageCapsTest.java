package dev.trustgate.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trustgate.application.Caller;
import dev.trustgate.application.TrustgateException;
import dev.trustgate.application.fakes.FakeWhatsAppGateway;
import dev.trustgate.application.fakes.MutableClock;
import dev.trustgate.application.fakes.RecordingNotificationSender;
import dev.trustgate.application.fakes.RecordingWebhookRelay;
import dev.trustgate.application.fakes.SequentialIds;
import dev.trustgate.application.port.in.DiscardHeldMessageUseCase;
import dev.trustgate.application.port.in.SendMessageUseCase;
import dev.trustgate.application.port.in.SendMessageUseCase.Result;
import dev.trustgate.application.service.TrustgateServices;
import dev.trustgate.domain.Actor;
import dev.trustgate.domain.BusinessNumberId;
import dev.trustgate.domain.ContactKey;
import dev.trustgate.domain.HeldMessage;
import dev.trustgate.domain.Recipient;
import dev.trustgate.domain.WaId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Held messages are bounded on a real database (H2 and PostgreSQL): 100 per customer, kept under racing holds,
 * and 10,000 per business number, counted inside the holding transaction.
 */
@ParameterizedClass(name = "{0}")
@ValueSource(strings = {"H2", "PostgreSQL"})
class HeldMessageCapsTest {

    private static final BusinessNumberId BUSINESS = new BusinessNumberId("106540352242922");
    private static final Caller CRM = Caller.scoped(new Actor("key_crm"), Set.of(BUSINESS));
    private static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");

    @Parameter
    String database;

    private final ExecutorService pool = Executors.newFixedThreadPool(4);
    private JdbiStorage db;
    private TrustgateServices services;

    @BeforeEach
    void start() {
        StorageUnderTest storage = database.equals("H2") ? Storages.h2("held-caps") : Storages.postgres("held-caps");
        storage.reset();
        db = Storages.jdbi(storage);
        services = new TrustgateServices(new TrustgateServices.Ports(db.transactions, db.contacts, db.businesses, db.events,
                db.receipts, db.messages, db.outbox, db.subscriptions, db.apiKeys, new FakeWhatsAppGateway(),
                new RecordingNotificationSender(), new RecordingWebhookRelay(), new MutableClock(T0), new SequentialIds()), url -> true);
    }

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    /** A sensitive send to a customer nobody authenticated: held, or refused when there is no room. */
    private Object hold(String waId) {
        try {
            return services.send.send(new SendMessageUseCase.Command(CRM, BUSINESS, Recipient.of(new WaId(waId)),
                    "{\"type\":\"text\",\"text\":{\"body\":\"Your code\"}}", true, SendMessageUseCase.OnBlocked.HOLD));
        } catch (TrustgateException refused) {
            return refused;
        }
    }

    /** {@code count} held messages of contact {@code contactId} written straight into the table. */
    private void heldAlready(String contactId, String idPrefix, int count) throws SQLException {
        try (Connection connection = db.dataSource().getConnection();
             PreparedStatement insert = connection.prepareStatement("INSERT INTO held_messages (id, phone_number_id, contact_id, "
                     + "recipient_to, body, sensitive, reason, held_at, status) VALUES (?, ?, ?, ?, ?, TRUE, 'NOT_TRUSTED', ?, 'HELD')")) {
            for (int i = 0; i < count; i++) {
                insert.setString(1, idPrefix + i);
                insert.setString(2, BUSINESS.value());
                insert.setString(3, contactId);
                insert.setString(4, "4915100" + String.format("%05d", i));
                insert.setString(5, "{\"type\":\"text\",\"text\":{\"body\":\"filler\"}}");
                insert.setTimestamp(6, Timestamp.from(T0.minusSeconds(count - i)));
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private static void assertFull(Object outcome, String scope) {
        assertThat(outcome).isInstanceOfSatisfying(TrustgateException.class, e -> {
            assertThat(e.code().name()).isEqualTo("TOO_MANY_HELD_MESSAGES");
            assertThat(e.details()).containsEntry("scope", scope);
        });
    }

    @Test
    void aBusinessNumberHoldsAtMostTenThousandMessagesAcrossItsCustomers() throws Exception {
        for (int c = 0; c < 100; c++) {
            heldAlready("ct_fill_" + c, "held_fill_" + c + "_", c == 0 ? 99 : 100);
        }

        Object last = hold("16505551234");
        assertThat(last).as("the 10,000th").isInstanceOf(Result.Held.class);
        assertFull(hold("16505559876"), "business");

        services.discard.discard(new DiscardHeldMessageUseCase.Command(CRM, ((Result.Held) last).heldMessageId()));
        assertThat(hold("16505559876")).as("room again").isInstanceOf(Result.Held.class);
    }

    @Test
    void racingHoldsForACustomerWithNinetyNineHeldKeepToTheHundred() throws Exception {
        Result.Held first = (Result.Held) hold("16505551234");
        ContactKey contact = db.transactions.inTransaction(() -> db.messages.findHeld(first.heldMessageId()))
                .map(HeldMessage::contact).orElseThrow();
        heldAlready(contact.id().value(), "held_before_", 98);

        CyclicBarrier start = new CyclicBarrier(4);
        List<Future<Object>> holds = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            holds.add(pool.submit(() -> {
                start.await(30, TimeUnit.SECONDS);
                return hold("16505551234");
            }));
        }
        List<Object> outcomes = new ArrayList<>();
        for (Future<Object> held : holds) {
            outcomes.add(held.get(60, TimeUnit.SECONDS));
        }

        assertThat(outcomes).filteredOn(Result.Held.class::isInstance).hasSize(1);
        assertThat(outcomes).filteredOn(o -> !(o instanceof Result.Held)).hasSize(3).allSatisfy(o -> assertFull(o, "contact"));
        assertThat(db.transactions.inTransaction(() -> db.messages.countHeld(contact))).isEqualTo(100);
    }
}
