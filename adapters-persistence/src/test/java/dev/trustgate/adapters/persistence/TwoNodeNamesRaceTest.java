package dev.trustgate.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trustgate.application.Caller;
import dev.trustgate.application.TrustgateException;
import dev.trustgate.application.fakes.FakeWhatsAppGateway;
import dev.trustgate.application.fakes.MutableClock;
import dev.trustgate.application.fakes.RecordingNotificationSender;
import dev.trustgate.application.fakes.RecordingWebhookRelay;
import dev.trustgate.application.port.in.ContactSelector;
import dev.trustgate.application.port.in.OptInToIdentityChecksUseCase;
import dev.trustgate.application.port.in.RecordAuthenticationUseCase;
import dev.trustgate.application.port.in.RecordIdentitySignalUseCase.Kind;
import dev.trustgate.application.port.in.RecordIdentitySignalUseCase.Signal;
import dev.trustgate.application.port.in.SendMessageUseCase;
import dev.trustgate.application.service.TrustgateServices;
import dev.trustgate.domain.Actor;
import dev.trustgate.domain.BusinessNumberId;
import dev.trustgate.domain.ContactNames;
import dev.trustgate.domain.Evidence;
import dev.trustgate.domain.IdentityHash;
import dev.trustgate.domain.Recipient;
import dev.trustgate.domain.SignalSource;
import dev.trustgate.domain.UserId;
import dev.trustgate.domain.WaId;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two trustgate nodes on one PostgreSQL: one keeps sending to a customer while the other merges that customer
 * with a blocked contact (names seen together) and then moves them to a new number (user_changed_number).
 */
class TwoNodeNamesRaceTest {

    private static final BusinessNumberId BUSINESS = new BusinessNumberId("106540352242922");
    private static final IdentityHash OLD = new IdentityHash("DF2lS5v2W6x=");
    private static final IdentityHash NEW = new IdentityHash("Qm9vbXNoYWthbGFrYQ==");
    private static final Caller ADMIN = Caller.admin(new Actor("admin"));
    private static final AtomicLong RECEIPTS = new AtomicLong();

    private final ExecutorService pool = Executors.newFixedThreadPool(2);

    @AfterEach
    void stopThreads() {
        pool.shutdownNow();
    }

    /** One send: when it started, and whether it went out. */
    record Attempt(long startedNanos, boolean sent, String outcome) {
    }

    private static TrustgateServices node(JdbiStorage db, String name, MutableClock clock) {
        AtomicLong counter = new AtomicLong();
        return new TrustgateServices(new TrustgateServices.Ports(db.transactions, db.contacts, db.businesses, db.events, db.receipts,
                db.messages, db.outbox, db.subscriptions, db.apiKeys, new FakeWhatsAppGateway(), new RecordingNotificationSender(),
                new RecordingWebhookRelay(), clock, prefix -> prefix + "_" + name + counter.incrementAndGet()), url -> true);
    }

    private static void observe(TrustgateServices node, ContactNames names, Kind kind, Optional<IdentityHash> hash, long epoch) {
        node.recordSignals.record(List.of(Signal.of(Optional.of("r" + RECEIPTS.incrementAndGet()), BUSINESS, names, kind, hash,
                Instant.ofEpochSecond(epoch), SignalSource.WHATSAPP_MESSAGE, Optional.empty())));
    }

    private static Attempt send(TrustgateServices node, Recipient to) {
        long start = System.nanoTime();
        try {
            SendMessageUseCase.Result result = node.send.send(new SendMessageUseCase.Command(ADMIN, BUSINESS, to,
                    "{\"type\":\"text\",\"text\":{\"body\":\"hi\"}}", false, SendMessageUseCase.OnBlocked.REJECT));
            return new Attempt(start, result instanceof SendMessageUseCase.Result.Sent, result.toString());
        } catch (TrustgateException e) {
            return new Attempt(start, false, e.code() + ": " + e.getMessage());
        }
    }

    private static long deadlocks(String url) throws Exception {
        try (Connection connection = DriverManager.getConnection(url, "postgres", "postgres");
             ResultSet rs = connection.createStatement().executeQuery(
                     "SELECT deadlocks FROM pg_stat_database WHERE datname = current_database()")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void sendsRacingAMergeAndANumberChangeOnAnotherNodeAreBlockedOnceTheyCommitAndNeverDeadlockWithThem() throws Exception {
        DatabaseSettings settings = EmbeddedPostgresServer.settings("two_node_names");
        MutableClock clock = new MutableClock(Instant.parse("2026-06-01T12:00:00Z"));
        try (JdbiStorage dbA = JdbiStorage.open(settings); JdbiStorage dbB = JdbiStorage.open(settings)) {
            TrustgateServices a = node(dbA, "a", clock);
            TrustgateServices b = node(dbB, "b", clock);
            a.optIn.setIdentityChecks(new OptInToIdentityChecksUseCase.Command(ADMIN, BUSINESS, true));
            List<String> violations = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                long t = 1_750_000_000L + i * 1000L;
                WaId number = new WaId("4915100" + String.format("%06d", i));
                UserId user = new UserId("DE.900" + String.format("%06d", i));
                WaId newNumber = new WaId("4917700" + String.format("%06d", i));
                observe(a, ContactNames.of(number), Kind.OBSERVED, Optional.of(OLD), t);
                a.recordAuthentication.authenticated(new RecordAuthenticationUseCase.Command(ADMIN,
                        new ContactSelector(BUSINESS, number), Evidence.NONE));
                observe(a, ContactNames.of(user), Kind.OBSERVED, Optional.of(OLD), t + 1);
                observe(a, ContactNames.of(user), Kind.OBSERVED, Optional.of(NEW), t + 2);

                AtomicBoolean stop = new AtomicBoolean();
                List<ConcurrentLinkedQueue<Attempt>> attempts = List.of(new ConcurrentLinkedQueue<>(), new ConcurrentLinkedQueue<>());
                List<Recipient> targets = List.of(Recipient.of(number), Recipient.of(newNumber));
                List<CompletableFuture<Void>> senders = new ArrayList<>();
                for (int s = 0; s < 2; s++) {
                    int sender = s;
                    senders.add(CompletableFuture.runAsync(() -> {
                        while (!stop.get()) {
                            attempts.get(sender).add(send(a, targets.get(sender)));
                        }
                    }, pool));
                }
                Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> attempts.stream().allMatch(q -> !q.isEmpty()));

                observe(b, ContactNames.of(number, user), Kind.NAMED, Optional.empty(), t + 3);
                long merged = System.nanoTime();
                b.recordSignals.record(List.of(new Signal(Optional.of("nc" + i), BUSINESS, ContactNames.of(number, user),
                        Kind.NUMBER_CHANGED, Optional.empty(), Instant.ofEpochSecond(t + 4), SignalSource.WHATSAPP_SYSTEM,
                        Optional.empty(), ContactNames.of(newNumber))));
                long moved = System.nanoTime();
                attempts.get(0).add(send(a, targets.get(0)));
                attempts.get(1).add(send(a, targets.get(1)));
                stop.set(true);
                CompletableFuture.allOf(senders.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);

                attempts.get(0).stream().filter(at -> at.startedNanos() > merged && at.sent())
                        .forEach(at -> violations.add("old number after the merge: " + at));
                attempts.get(1).stream().filter(at -> at.startedNanos() > moved && at.sent())
                        .forEach(at -> violations.add("new number after the move: " + at));
                attempts.forEach(q -> q.stream().filter(at -> !at.sent() && !at.outcome().startsWith("Blocked"))
                        .forEach(at -> violations.add("neither sent nor blocked: " + at)));
            }

            assertThat(violations).as("sends that got through a committed block, or failed").isEmpty();
            assertThat(deadlocks(settings.url())).as("deadlocks PostgreSQL had to break (each costs deadlock_timeout)").isZero();
        }
    }
}
