package dev.trustgate.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.trustgate.application.Caller;
import dev.trustgate.application.fakes.FakeWhatsAppGateway;
import dev.trustgate.application.fakes.MutableClock;
import dev.trustgate.application.fakes.RecordingNotificationSender;
import dev.trustgate.application.fakes.RecordingWebhookRelay;
import dev.trustgate.application.port.in.OptInToIdentityChecksUseCase;
import dev.trustgate.application.port.in.RecordIdentitySignalUseCase.Kind;
import dev.trustgate.application.port.in.RecordIdentitySignalUseCase.Outcome;
import dev.trustgate.application.port.in.RecordIdentitySignalUseCase.Signal;
import dev.trustgate.application.port.out.Subscription;
import dev.trustgate.application.service.HeldMessageLimits;
import dev.trustgate.application.service.TrustgateServices;
import dev.trustgate.application.transaction.UseCaseTransactions;
import dev.trustgate.domain.Actor;
import dev.trustgate.domain.BusinessNumberId;
import dev.trustgate.domain.ContactNames;
import dev.trustgate.domain.IdentityHash;
import dev.trustgate.domain.SignalSource;
import dev.trustgate.domain.WaId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What a group-commit batch of webhooks costs in statements on a real database: the rows every webhook of
 * one business shares (the business number, its subscriptions, its chain head) are read or locked once per
 * batch, and its events and their deliveries are written as JDBC batches.
 */
@ParameterizedClass(name = "{0}")
@ValueSource(strings = {"H2", "PostgreSQL"})
class WebhookBatchStatementsTest {

    private static final BusinessNumberId BUSINESS = new BusinessNumberId("106540352242922");
    private static final Caller ADMIN = Caller.admin(new Actor("admin"));
    private static final IdentityHash HASH = new IdentityHash("DF2lS5v2W6x=");
    private static final int WEBHOOKS = 16;

    @Parameter
    String database;

    private HikariDataSource pool;
    private final JdbcRecorder recorder = new JdbcRecorder();
    private JdbiStorage db;
    private UseCaseTransactions composed;
    private TrustgateServices services;
    private final AtomicLong webhooks = new AtomicLong();

    @BeforeEach
    void open() {
        DatabaseSettings settings = database.equals("H2")
                ? DatabaseSettings.of("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "")
                : EmbeddedPostgresServer.settings("webhook_batch");
        pool = JdbiStorage.pool(settings);
        JdbiStorage.migrate(pool);
        db = JdbiStorage.on(recorder.recording(pool));
        composed = UseCaseTransactions.compose(db.transactions, UnaryOperator.identity(), UnaryOperator.identity(),
                UseCaseTransactions.Sends.ALONE);
        AtomicLong ids = new AtomicLong();
        services = new TrustgateServices(new TrustgateServices.Ports(db.transactions, db.contacts, db.businesses, db.events,
                db.receipts, db.messages, db.outbox, db.subscriptions, db.apiKeys, new FakeWhatsAppGateway(),
                new RecordingNotificationSender(), new RecordingWebhookRelay(),
                new MutableClock(Instant.parse("2026-06-01T12:00:00Z")), prefix -> prefix + "_" + ids.incrementAndGet()),
                composed, url -> true, HeldMessageLimits.DEFAULT);
        services.optIn.setIdentityChecks(new OptInToIdentityChecksUseCase.Command(ADMIN, BUSINESS, true));
        db.transactions.inTransaction(() -> {
            db.subscriptions.save(new Subscription("sub_crm", "admin", "http://127.0.0.1:9/crm", Set.of(), Set.of(BUSINESS),
                    new byte[32], true, Instant.parse("2026-06-01T00:00:00Z")));
            return null;
        });
        // the business's chain already has a head, as it has after its first event
        services.recordSignals.record(List.of(baseline()));
    }

    @AfterEach
    void close() {
        db.close();
        pool.close();
    }

    private Signal baseline() {
        long n = webhooks.incrementAndGet();
        return Signal.of(Optional.of("wamid." + n), BUSINESS, ContactNames.of(new WaId("49151" + String.format("%08d", n))),
                Kind.OBSERVED, Optional.of(HASH), Instant.ofEpochSecond(1_750_000_000L + n), SignalSource.WHATSAPP_MESSAGE,
                Optional.empty());
    }

    /** {@code WEBHOOKS} webhooks of one business, each a new customer's baseline, in one storage transaction. */
    private List<Outcome> oneBatch() {
        List<Signal> signals = new ArrayList<>();
        for (int i = 0; i < WEBHOOKS; i++) {
            signals.add(baseline());
        }
        recorder.clear();
        // as a group commit runs a batch: each webhook's work, joined into one storage transaction
        return composed.webhookIntake().inTransaction(() -> {
            List<Outcome> outcomes = new ArrayList<>();
            signals.forEach(signal -> outcomes.addAll(services.recordSignals.record(List.of(signal))));
            return outcomes;
        });
    }

    /** How many of the statements executed since the recorder was cleared contain {@code fragment}. */
    private long count(String fragment) {
        return recorder.executed().stream().filter(sql -> sql.contains(fragment)).count();
    }

    private long rows(String table) {
        try (var connection = pool.getConnection(); var result = connection.createStatement().executeQuery("SELECT count(*) FROM " + table)) {
            result.next();
            return result.getLong(1);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void readsTheBusinessNumberOncePerBatchNotOncePerWebhook() {
        assertThat(oneBatch()).hasSize(WEBHOOKS).containsOnly(Outcome.APPLIED);

        assertThat(count("FROM business_numbers")).as(recorder.executed().toString()).isEqualTo(1);
    }

    @Test
    void readsTheBusinessSubscriptionsOncePerBatch() {
        oneBatch();

        assertThat(count("FROM subscriptions")).as(recorder.executed().toString()).isEqualTo(1);
    }

    @Test
    void locksTheChainHeadOnceAndWritesItOncePerBatch() {
        oneBatch();

        assertThat(count("event_heads")).as(recorder.executed().toString()).isEqualTo(2);
        assertThat(db.transactions.inTransaction(() -> db.events.verify(BUSINESS)).valid()).isTrue();
    }

    @Test
    void appendsTheBatchEventsAndTheirDeliveriesAsJdbcBatches() {
        oneBatch();

        assertThat(count("INSERT INTO events")).as(recorder.executed().toString()).isEqualTo(1);
        assertThat(count("INSERT INTO outbox")).as(recorder.executed().toString()).isEqualTo(1);
        assertThat(db.transactions.inTransaction(() -> db.events.head(BUSINESS))).isEqualTo(WEBHOOKS + 1);
        assertThat(rows("outbox")).isEqualTo(WEBHOOKS + 1);
    }

    @Test
    void locksTheChainHeadOnceForEveryAppendOfItsTransaction() {
        // the contact the set-up's webhook made
        var contact = db.transactions.inTransaction(() -> db.events.read(BUSINESS, 0, 1)).get(0).contact();
        recorder.clear();
        db.transactions.inTransaction(() -> {
            for (int i = 0; i < 3; i++) {
                db.events.append(BUSINESS, List.of(new dev.trustgate.domain.TrustEvent.TrustEstablished(contact,
                        Instant.parse("2026-06-01T12:01:00Z").plusSeconds(i), new Actor("key_a"), Optional.of(HASH),
                        dev.trustgate.domain.Evidence.NONE)));
            }
            return null;
        });

        assertThat(count("FROM event_heads")).as(recorder.executed().toString()).isEqualTo(1);
        assertThat(db.transactions.inTransaction(() -> db.events.verify(BUSINESS))).satisfies(v -> {
            assertThat(v.valid()).isTrue();
            assertThat(v.checked()).isEqualTo(4);
        });
    }

    @Test
    void aGroupCommitBatchThatFailsIsRerunOneByOneIntoAChainWithoutGaps() throws Exception {
        UseCaseTransactions standard = UseCaseTransactions.standard(db.transactions);
        AtomicLong ids = new AtomicLong();
        TrustgateServices grouped = new TrustgateServices(new TrustgateServices.Ports(db.transactions, db.contacts, db.businesses,
                db.events, db.receipts, db.messages, db.outbox, db.subscriptions, db.apiKeys, new FakeWhatsAppGateway(),
                new RecordingNotificationSender(), new RecordingWebhookRelay(),
                new MutableClock(Instant.parse("2026-06-01T12:05:00Z")), prefix -> prefix + "_g" + ids.incrementAndGet()),
                standard, url -> true, HeldMessageLimits.DEFAULT);
        java.util.concurrent.CountDownLatch holding = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        // keeps the group commit's writer busy until every webhook below waits for it, so they make one batch
        Thread gate = new Thread(() -> standard.webhookIntake().inTransaction(() -> {
            holding.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return null;
        }));
        gate.start();
        holding.await();
        List<Signal> signals = new ArrayList<>();
        for (int i = 0; i < WEBHOOKS; i++) {
            signals.add(baseline());
        }
        int poisoned = WEBHOOKS - 1;
        java.util.Map<Integer, Object> outcomes = new java.util.concurrent.ConcurrentHashMap<>();
        List<Thread> callers = new ArrayList<>();
        for (int i = 0; i < WEBHOOKS; i++) {
            int n = i;
            Thread caller = new Thread(() -> {
                try {
                    outcomes.put(n, n == poisoned
                            // the last webhook of the batch fails at the batch's very end, after its events were appended
                            ? standard.webhookIntake().inTransaction(() -> {
                                List<Outcome> recorded = grouped.recordSignals.record(List.of(signals.get(n)));
                                standard.scope().untilTheEnd(new Object(), Object::new, end -> {
                                    throw new IllegalStateException("poisoned webhook");
                                });
                                return recorded;
                            })
                            : grouped.recordSignals.record(List.of(signals.get(n))));
                } catch (RuntimeException e) {
                    outcomes.put(n, e);
                }
            });
            callers.add(caller);
        }
        // the poisoned one queued last
        for (Thread caller : callers) {
            caller.start();
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20))
                    .until(() -> waitsForItsCommit(caller));
        }
        recorder.clear();
        release.countDown();
        gate.join();
        for (Thread caller : callers) {
            caller.join(20_000);
        }

        assertThat(outcomes).hasSize(WEBHOOKS);
        // every webhook ran twice: once in the one batch, which appended its events and then failed, once on its own
        assertThat(count("INSERT INTO webhook_receipts")).isEqualTo(2 * WEBHOOKS);
        assertThat(count("INSERT INTO events")).isEqualTo(1 + WEBHOOKS);
        for (int i = 0; i < WEBHOOKS; i++) {
            if (i == poisoned) {
                assertThat(outcomes.get(i)).isInstanceOf(IllegalStateException.class);
            } else {
                assertThat(outcomes.get(i)).isEqualTo(List.of(Outcome.APPLIED));
            }
        }
        List<dev.trustgate.application.port.out.RecordedEvent> chain = db.transactions.inTransaction(() -> db.events.read(BUSINESS, 0, 100));
        assertThat(chain).extracting(dev.trustgate.application.port.out.RecordedEvent::sequence)
                .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, WEBHOOKS).boxed().toList());
        assertThat(db.transactions.inTransaction(() -> db.events.verify(BUSINESS))).satisfies(v -> {
            assertThat(v.valid()).isTrue();
            assertThat(v.checked()).isEqualTo(WEBHOOKS);
        });
        assertThat(rows("outbox")).isEqualTo(WEBHOOKS);
        assertThat(rows("webhook_receipts")).isEqualTo(WEBHOOKS);
    }

    /** The caller's work is queued for the group commit: it waits on the future its commit completes. */
    private static boolean waitsForItsCommit(Thread caller) {
        return caller.getState() == Thread.State.WAITING && java.util.Arrays.stream(caller.getStackTrace())
                .anyMatch(frame -> frame.getClassName().equals(java.util.concurrent.CompletableFuture.class.getName())
                        && frame.getMethodName().equals("get"));
    }
}
