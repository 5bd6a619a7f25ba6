package dev.trustgate.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.trustgate.application.Caller;
import dev.trustgate.application.fakes.FakeWhatsAppGateway;
import dev.trustgate.application.fakes.MutableClock;
import dev.trustgate.application.fakes.RecordingNotificationSender;
import dev.trustgate.application.fakes.RecordingWebhookRelay;
import dev.trustgate.application.fakes.SequentialIds;
import dev.trustgate.application.port.in.OptInToIdentityChecksUseCase;
import dev.trustgate.application.port.in.RecordIdentitySignalUseCase.Kind;
import dev.trustgate.application.port.in.RecordIdentitySignalUseCase.Signal;
import dev.trustgate.application.port.in.SendMessageUseCase;
import dev.trustgate.application.port.out.SentMessage;
import dev.trustgate.application.port.out.WhatsAppGateway;
import dev.trustgate.application.service.HeldMessageLimits;
import dev.trustgate.application.service.TrustgateServices;
import dev.trustgate.application.transaction.GroupCommit;
import dev.trustgate.application.transaction.Retry;
import dev.trustgate.application.transaction.UseCaseTransactions;
import dev.trustgate.domain.Actor;
import dev.trustgate.domain.BusinessNumberId;
import dev.trustgate.domain.ContactNames;
import dev.trustgate.domain.CustomerName;
import dev.trustgate.domain.IdentityHash;
import dev.trustgate.domain.Recipient;
import dev.trustgate.domain.SignalSource;
import dev.trustgate.domain.UserId;
import dev.trustgate.domain.WaId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What a gated send costs the database, on H2 and PostgreSQL: the decision (taken on the locked contact row, the
 * send recorded before it leaves) and the outcome (WhatsApp's message id), counted statement by statement and
 * commit by commit through the JDBC driver.
 */
@ParameterizedClass(name = "{0}")
@ValueSource(strings = {"H2", "PostgreSQL"})
class GatedSendStatementsTest {

    private static final BusinessNumberId BUSINESS = new BusinessNumberId("106540352242922");
    private static final Caller CRM = Caller.scoped(new Actor("key_crm"), java.util.Set.of(BUSINESS));
    private static final IdentityHash HASH = new IdentityHash("DF2lS5v2W6x=");

    @Parameter
    String database;

    private HikariDataSource pool;
    private final JdbcRecorder recorder = new JdbcRecorder();
    private final FakeWhatsAppGateway whatsApp = new FakeWhatsAppGateway();
    private final Gateway gateway = new Gateway(whatsApp);
    private JdbiStorage storage;
    private TrustgateServices services;
    private int receipts;

    @BeforeEach
    void start() {
        DatabaseSettings settings = database.equals("H2")
                ? DatabaseSettings.of("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "")
                : EmbeddedPostgresServer.settings("gated_send");
        pool = JdbiStorage.pool(settings);
        JdbiStorage.migrate(pool);
        storage = JdbiStorage.on(recorder.recording(pool));
        services = new TrustgateServices(new TrustgateServices.Ports(storage.transactions, storage.contacts, storage.businesses,
                storage.events, storage.receipts, storage.messages, storage.outbox, storage.subscriptions, storage.apiKeys,
                gateway, new RecordingNotificationSender(), new RecordingWebhookRelay(),
                new MutableClock(Instant.parse("2026-06-01T10:00:00Z")), new SequentialIds()),
                // as the server composes them on each database: sends grouped where one node writes (H2), alone on PostgreSQL
                UseCaseTransactions.compose(storage.transactions, Retry::new, opened -> new Retry(new GroupCommit(opened, 1, 64)),
                        database.equals("H2") ? UseCaseTransactions.Sends.GROUPED : UseCaseTransactions.Sends.ALONE),
                url -> true, HeldMessageLimits.DEFAULT);
        services.optIn.setIdentityChecks(new OptInToIdentityChecksUseCase.Command(Caller.admin(new Actor("admin")), BUSINESS, true));
    }

    @AfterEach
    void stop() {
        pool.close();
    }

    /** A customer whose identity WhatsApp has shown: every send to them is decided on their locked row and pinned. */
    private WaId known(String number) {
        WaId customer = new WaId(number);
        services.recordSignals.record(List.of(Signal.of(Optional.of("receipt-" + ++receipts), BUSINESS, ContactNames.of(customer),
                Kind.OBSERVED, Optional.of(HASH), Instant.parse("2026-06-01T09:00:00Z"), SignalSource.WHATSAPP_MESSAGE, Optional.empty())));
        return customer;
    }

    private SendMessageUseCase.Result.Sent send(WaId customer) {
        return (SendMessageUseCase.Result.Sent) services.send.send(new SendMessageUseCase.Command(CRM, BUSINESS, Recipient.of(customer),
                "{\"messaging_product\":\"whatsapp\",\"type\":\"text\",\"text\":{\"body\":\"Your statement is ready\"}}", false,
                SendMessageUseCase.OnBlocked.REJECT));
    }

    private Optional<SentMessage> recorded(String whatsappMessageId) {
        return storage.transactions.inTransaction(() -> storage.messages.findSentByWhatsAppId(whatsappMessageId));
    }

    @Test
    void aSendToAKnownCustomerIsDecidedRecordedAndAnsweredInSevenStatements() {
        WaId customer = known("16505551234");
        send(customer);
        recorder.clear();

        SendMessageUseCase.Result.Sent sent = send(customer);

        // the decision: the business, the names (looked up, locked, looked up again), the send recorded before it
        // leaves; the outcome: the contact locked again (did a change commit meanwhile?) and the send marked sent
        assertThat(recorder.executed()).as("statements of one gated send").hasSizeLessThanOrEqualTo(7);
        assertThat(recorder.commits()).isEqualTo(2);
        assertThat(recorded(sent.messageId())).get().satisfies(message -> {
            assertThat(message.status()).isEqualTo(SentMessage.Status.SENT);
            assertThat(message.pin()).contains(HASH);
        });
    }

    @Test
    void aNameWhatsAppAnswersASendWithIsStillLinkedToTheCustomer() {
        WaId customer = known("16505551234");
        UserId user = new UserId("US.13491208655302741918");
        whatsApp.answerSendsTo(customer, ContactNames.of(customer, user));

        send(customer);

        assertThat(storage.transactions.inTransaction(() -> storage.contacts.resolve(BUSINESS, List.<CustomerName>of(customer, user))))
                .as("the number and the user id WhatsApp answered with are one contact")
                .hasSize(2).satisfies(byName -> assertThat(byName.get(customer)).isEqualTo(byName.get(user)));
    }

    @Test
    void onTheEmbeddedH2FileTheDecisionsAndOutcomesOfConcurrentSendsCommitTogether() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(database.equals("H2"), "sends are grouped where one node writes");
        int senders = 16;
        List<WaId> customers = IntStream.range(0, senders).mapToObj(i -> known("4915100000" + (100 + i))).toList();
        customers.forEach(this::send);
        gateway.together = new CyclicBarrier(senders);
        ExecutorService threads = Executors.newFixedThreadPool(senders);
        List<SendMessageUseCase.Result.Sent> answers = new java.util.ArrayList<>();
        try {
            recorder.clear();
            CyclicBarrier start = new CyclicBarrier(senders);
            List<Future<SendMessageUseCase.Result.Sent>> sends = customers.stream().map(c -> threads.submit(() -> {
                start.await(30, TimeUnit.SECONDS);
                return send(c);
            })).toList();
            for (Future<SendMessageUseCase.Result.Sent> each : sends) {
                answers.add(each.get(60, TimeUnit.SECONDS));
            }
        } finally {
            threads.shutdownNow();
        }

        // the decisions, all asked at once, and the outcomes, all answered at once, each in far fewer commits than
        // one per send
        assertThat(recorder.commits()).as("commits of %d sends", senders).isLessThan(senders);
        assertThat(answers).allSatisfy(sent -> assertThat(recorded(sent.messageId())).get()
                .extracting(SentMessage::status).isEqualTo(SentMessage.Status.SENT));
    }

    /** WhatsApp as the fake answers, but, once {@code together} is set, answering no send until all of them wait. */
    private static final class Gateway implements WhatsAppGateway {
        private final FakeWhatsAppGateway whatsApp;
        volatile CyclicBarrier together;

        Gateway(FakeWhatsAppGateway whatsApp) {
            this.whatsApp = whatsApp;
        }

        @Override
        public Capabilities capabilities() {
            return whatsApp.capabilities();
        }

        @Override
        public Optional<String> unsupportedMessageType(String messageJson) {
            return whatsApp.unsupportedMessageType(messageJson);
        }

        @Override
        public SendOutcome send(BusinessNumberId from, Recipient to, String messageJson, Optional<IdentityHash> pin) {
            if (together != null) {
                try {
                    together.await(30, TimeUnit.SECONDS);
                } catch (Exception e) {
                    throw new IllegalStateException("the senders did not all reach WhatsApp", e);
                }
            }
            return whatsApp.send(from, to, messageJson, pin);
        }

        @Override
        public ReadOutcome markRead(BusinessNumberId from, String requestJson) {
            return whatsApp.markRead(from, requestJson);
        }

        @Override
        public SettingOutcome setIdentityChecks(BusinessNumberId business, boolean enabled) {
            return whatsApp.setIdentityChecks(business, enabled);
        }

        @Override
        public ConfirmOutcome confirmIdentity(BusinessNumberId business, WaId customer, IdentityHash hash) {
            return whatsApp.confirmIdentity(business, customer, hash);
        }
    }
}
