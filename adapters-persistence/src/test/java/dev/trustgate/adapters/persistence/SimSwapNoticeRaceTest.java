package dev.trustgate.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trustgate.application.Caller;
import dev.trustgate.application.fakes.FakeWhatsAppGateway;
import dev.trustgate.application.fakes.MutableClock;
import dev.trustgate.application.fakes.RecordingNotificationSender;
import dev.trustgate.application.fakes.RecordingWebhookRelay;
import dev.trustgate.application.port.in.OptInToIdentityChecksUseCase;
import dev.trustgate.application.port.in.RecordSimSwapNoticeUseCase.Kind;
import dev.trustgate.application.port.in.RecordSimSwapNoticeUseCase.Notice;
import dev.trustgate.application.port.in.RecordSimSwapNoticeUseCase.Outcome;
import dev.trustgate.application.port.out.SimSwapSubscription;
import dev.trustgate.application.service.RecordSimSwapNoticeService;
import dev.trustgate.application.service.TrustgateServices;
import dev.trustgate.domain.Actor;
import dev.trustgate.domain.BusinessNumberId;
import dev.trustgate.domain.WaId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Two trustgate nodes (two connection pools on one database) given the same SIM-swap notice at once, as an operator
 * retrying a delivery it thought lost: one applies it, the other answers it as a redelivery; neither fails, and the
 * number nobody had becomes one contact with one {@code contact.sim_swapped}.
 */
class SimSwapNoticeRaceTest {

    private static final BusinessNumberId BUSINESS = new BusinessNumberId("106540352242922");
    private static final Caller ADMIN = Caller.admin(new Actor("admin"));
    private static final String SWAPPED = "org.camaraproject.sim-swap-subscriptions.v0.swapped";

    private final ExecutorService pool = Executors.newFixedThreadPool(2);

    @AfterEach
    void stopThreads() {
        pool.shutdownNow();
    }

    private static TrustgateServices node(JdbiStorage db, String name, MutableClock clock) {
        AtomicLong counter = new AtomicLong();
        return new TrustgateServices(new TrustgateServices.Ports(db.transactions, db.contacts, db.businesses, db.events, db.receipts,
                db.messages, db.outbox, db.subscriptions, db.apiKeys, new FakeWhatsAppGateway(), new RecordingNotificationSender(),
                new RecordingWebhookRelay(), clock, prefix -> prefix + "_" + name + counter.incrementAndGet()), url -> true);
    }

    @ParameterizedTest
    @EnumSource(value = Storages.Kind.class, names = {"H2", "POSTGRESQL"})
    void theSameNoticeOnTwoNodesAtOnceIsAppliedOnceAndAnsweredAsARedeliveryOnTheOther(Storages.Kind kind) throws Exception {
        // PostgreSQL: two pools, as two nodes; H2 (one node only): two threads of one
        DatabaseSettings pg = kind == Storages.Kind.POSTGRESQL ? EmbeddedPostgresServer.settings("sim_swap_notice_race") : null;
        JdbiStorage db = pg != null ? JdbiStorage.open(pg) : Storages.jdbi(kind.open("sim_swap_notice_race"));
        JdbiStorage other = pg != null ? JdbiStorage.open(pg) : db;
        MutableClock clock = new MutableClock(Instant.parse("2026-06-01T12:00:00Z"));
        TrustgateServices a = node(db, "a", clock);
        TrustgateServices b = node(other, "b", clock);
        a.optIn.setIdentityChecks(new OptInToIdentityChecksUseCase.Command(ADMIN, BUSINESS, true));
        List<RecordSimSwapNoticeService> intakes = List.of(a.simSwapNotices(db.simSwaps), b.simSwapNotices(other.simSwaps));
        List<String> problems = new ArrayList<>();
        try {
            for (int i = 0; i < 10; i++) {
                WaId number = new WaId("4915200" + String.format("%06d", i));
                String subscription = "race-" + kind + "-" + i;
                db.transactions.inTransaction(() -> {
                    db.simSwaps.save(new SimSwapSubscription(subscription, BUSINESS, number, SimSwapSubscription.Status.ACTIVE,
                            clock.now().minusSeconds(3600), Optional.empty(), Optional.empty()));
                    return null;
                });
                Notice notice = new Notice("operator.example", "e-" + i, Kind.SWAPPED, SWAPPED, clock.now().minusSeconds(60), subscription,
                        Optional.of(number), Optional.empty());
                CyclicBarrier together = new CyclicBarrier(2);
                List<CompletableFuture<String>> racers = intakes.stream().map(intake -> CompletableFuture.supplyAsync(() -> {
                    try {
                        together.await(10, TimeUnit.SECONDS);
                        return intake.record(notice).name();
                    } catch (Exception e) {
                        return e.getClass().getSimpleName() + ": " + e.getMessage();
                    }
                }, pool)).toList();
                List<String> outcomes = new ArrayList<>();
                for (CompletableFuture<String> racer : racers) {
                    outcomes.add(racer.get(60, TimeUnit.SECONDS));
                }
                if (!outcomes.stream().sorted().toList().equals(List.of(Outcome.APPLIED.name(), Outcome.DUPLICATE.name()))) {
                    problems.add(number.masked() + ": " + outcomes);
                }
                int contacts = db.transactions.inTransaction(() -> db.contacts.resolve(BUSINESS, List.of(number)).size());
                if (contacts != 1) {
                    problems.add(number.masked() + ": " + contacts + " contacts");
                }
            }
        } finally {
            if (pg != null) {
                other.close();
                db.close();
            }
        }

        assertThat(problems).as("notices not applied exactly once, or answered with an error").isEmpty();
    }
}
