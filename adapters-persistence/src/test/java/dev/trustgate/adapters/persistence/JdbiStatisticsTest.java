package dev.trustgate.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trustgate.application.Caller;
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
import dev.trustgate.domain.Recipient;
import dev.trustgate.domain.WaId;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.ValueSource;

/** The counts behind operators' gauges, on a real database (H2 and PostgreSQL): contacts by state, messages held. */
@ParameterizedClass(name = "{0}")
@ValueSource(strings = {"H2", "PostgreSQL"})
class JdbiStatisticsTest {

    private static final BusinessNumberId BUSINESS = new BusinessNumberId("106540352242922");
    private static final BusinessNumberId OTHER = new BusinessNumberId("999000111");
    private static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");

    @Parameter
    String database;

    private JdbiStorage db;
    private TrustgateServices services;

    @BeforeEach
    void start() {
        StorageUnderTest storage = database.equals("H2") ? Storages.h2("statistics") : Storages.postgres("statistics");
        storage.reset();
        db = Storages.jdbi(storage);
        services = new TrustgateServices(new TrustgateServices.Ports(db.transactions, db.contacts, db.businesses, db.events,
                db.receipts, db.messages, db.outbox, db.subscriptions, db.apiKeys, new FakeWhatsAppGateway(),
                new RecordingNotificationSender(), new RecordingWebhookRelay(), new MutableClock(T0), new SequentialIds()), url -> true);
    }

    /** A sensitive send to a customer nobody authenticated: held. */
    private Result.Held hold(BusinessNumberId business, String waId) {
        return (Result.Held) services.send.send(new SendMessageUseCase.Command(Caller.scoped(new Actor("key_crm"), Set.of(business)),
                business, Recipient.of(new WaId(waId)), "{\"type\":\"text\",\"text\":{\"body\":\"Your code\"}}", true,
                SendMessageUseCase.OnBlocked.HOLD));
    }

    @Test
    void countsContactsByStateAndHeldMessagesAcrossEveryBusinessNumber() {
        assertThat(db.statistics.read()).isEqualTo(new JdbiStatistics.Counts(Map.of(), 0));

        hold(BUSINESS, "16505551234");
        hold(BUSINESS, "16505551234");
        Result.Held other = hold(OTHER, "4915112345678");
        services.discard.discard(new DiscardHeldMessageUseCase.Command(Caller.scoped(new Actor("key_crm"), Set.of(OTHER)),
                other.heldMessageId()));

        assertThat(db.statistics.read()).isEqualTo(new JdbiStatistics.Counts(Map.of("UNVERIFIED", 2L), 2));
    }
}
