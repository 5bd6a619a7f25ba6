package dev.trustgate.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trustgate.application.fakes.MutableClock;
import dev.trustgate.application.fakes.SequentialIds;
import dev.trustgate.application.port.out.Outbox;
import dev.trustgate.application.port.out.OutboxEntry;
import dev.trustgate.application.port.out.RecordedEvent;
import dev.trustgate.application.port.out.Transactions;
import dev.trustgate.application.service.ContactCommands;
import dev.trustgate.application.service.EventPublisher;
import dev.trustgate.application.transaction.Retry;
import dev.trustgate.application.transaction.UseCaseTransactions;
import dev.trustgate.domain.Actor;
import dev.trustgate.domain.BusinessNumber;
import dev.trustgate.domain.BusinessNumberId;
import dev.trustgate.domain.ChangeId;
import dev.trustgate.domain.CommandResult;
import dev.trustgate.application.port.in.ContactSelector;
import dev.trustgate.application.service.Contacts;
import dev.trustgate.domain.ContactId;
import dev.trustgate.domain.ContactKey;
import dev.trustgate.domain.ContactNames;
import dev.trustgate.domain.ContactRef;
import dev.trustgate.domain.WaId;
import dev.trustgate.domain.ContactTrust;
import dev.trustgate.domain.Evidence;
import dev.trustgate.domain.IdentityHash;
import dev.trustgate.domain.SignalSource;
import dev.trustgate.domain.TrustEvent;
import dev.trustgate.application.Caller;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What must hold when many writers hit one database at once, on a real PostgreSQL. */
class PostgresConcurrencyTest {

    private static final BusinessNumberId BUSINESS = new BusinessNumberId("106540352242922");
    private static final WaId WA_ID = new WaId("16505551234");
    private static final ContactSelector CONTACT = new ContactSelector(BUSINESS, WA_ID);
    private static final ContactRef EVENT_CONTACT = new ContactRef(new ContactKey(BUSINESS, new ContactId("ct_1")),
            ContactNames.of(WA_ID));
    private static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");
    private static final List<IdentityHash> HASHES = IntStream.range(0, 4)
            .mapToObj(i -> new IdentityHash("SGFzaA" + i + "==")).toList();

    private final ExecutorService pool = Executors.newFixedThreadPool(9);

    @AfterEach
    void stopThreads() {
        pool.shutdownNow();
    }

    /** A command applied to the contact, identified by the version it produced. */
    record Applied(long version, int thread, int step, boolean change, int hash) {
    }

    private static CommandResult apply(ContactTrust contact, BusinessNumber business, boolean change, int hash, int thread,
                                       int step) {
        Instant at = T0.plusSeconds(step * 10L + thread);
        if (change) {
            return contact.identityChanged(Optional.of(HASHES.get(hash)), at, SignalSource.WHATSAPP_MESSAGE,
                    new ChangeId("c" + thread + "_" + step), business, at);
        }
        return contact.acknowledge(HASHES.get(hash), new Actor("key_" + thread), Evidence.NONE, business, at);
    }

    @Test
    void racingIdentityChangesAndAcknowledgementsEndAsSomeSerialOrderWithNoEventLost() throws Exception {
        StorageUnderTest storage = Storages.postgres("race");
        storage.reset();
        JdbiStorage db = Storages.jdbi(storage);
        UseCaseTransactions composed = UseCaseTransactions.compose(db.transactions, opened -> new Retry(opened, 1000),
                opened -> opened);
        Transactions retry = composed.useCases();
        MutableClock clock = new MutableClock(T0);
        EventPublisher publisher = new EventPublisher(db.events, db.subscriptions, db.outbox, new SequentialIds(), clock,
                composed.scope());
        Contacts contacts = new Contacts(db.contacts, db.messages, publisher, new SequentialIds());
        ContactCommands commands = new ContactCommands(retry, contacts, db.businesses, db.messages);
        BusinessNumber business = BusinessNumber.unknown(BUSINESS).optIn(T0);
        ContactKey key = retry.inTransaction(() -> {
            db.businesses.save(business);
            Contacts.Attached created = contacts.attach(BUSINESS, List.of(WA_ID), ContactNames.of(WA_ID), business, T0, T0);
            contacts.finish(created, created.contact().identitySeen(HASHES.get(0), T0, SignalSource.WHATSAPP_MESSAGE,
                    new ChangeId("c0"), business, T0), T0);
            return created.contact().key();
        });
        ContactTrust initial = db.transactions.inTransaction(() -> db.contacts.find(key)).orElseThrow();

        ConcurrentLinkedQueue<Applied> applied = new ConcurrentLinkedQueue<>();
        CountDownLatch start = new CountDownLatch(1);
        List<CompletableFuture<Void>> writers = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            int thread = t;
            writers.add(CompletableFuture.runAsync(() -> {
                Random random = new Random(thread);
                await(start);
                for (int step = 1; step <= 25; step++) {
                    boolean change = random.nextBoolean();
                    int hash = random.nextInt(HASHES.size());
                    int s = step;
                    // stale or impossible acknowledgements are refused and repeated hashes ignored; they change nothing
                    commands.execute(Caller.admin(new Actor("admin")), CONTACT, (c, b) -> apply(c, b, change, hash, thread, s))
                            .fold(changed -> applied.add(new Applied(changed.view().contact().version(), thread, s, change, hash)),
                                    ignored -> false, rejected -> false);
                }
            }, pool));
        }
        start.countDown();
        CompletableFuture.allOf(writers.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);

        List<Applied> serial = new ArrayList<>(applied);
        serial.sort(Comparator.comparingLong(Applied::version));
        ContactTrust replayed = initial;
        int expectedEvents = 1;
        for (Applied a : serial) {
            CommandResult.Changed changed = (CommandResult.Changed) apply(replayed, business, a.change(), a.hash(), a.thread(), a.step());
            replayed = changed.contact();
            expectedEvents += changed.events().size();
        }
        ContactTrust stored = db.transactions.inTransaction(() -> db.contacts.find(key)).orElseThrow();
        assertThat(serial).extracting(Applied::version)
                .containsExactlyElementsOf(LongStream.rangeClosed(initial.version() + 1, initial.version() + serial.size()).boxed().toList());
        assertThat(stored).isEqualTo(replayed);

        List<RecordedEvent> events = db.transactions.inTransaction(() -> db.events.read(BUSINESS, 0, 10_000));
        assertThat(events).extracting(RecordedEvent::sequence)
                .containsExactlyElementsOf(IntStream.rangeClosed(1, expectedEvents).mapToObj(Long::valueOf).toList());
        assertThat(db.transactions.inTransaction(() -> db.events.verify(BUSINESS)).valid()).isTrue();
    }

    @Test
    void aReaderPollingAfterNNeverMissesAnEventCommittedLater() throws Exception {
        StorageUnderTest storage = Storages.postgres("poll");
        storage.reset();
        JdbiStorage db = Storages.jdbi(storage);
        int writers = 8;
        int perWriter = 40;
        CountDownLatch start = new CountDownLatch(1);
        List<CompletableFuture<Void>> appends = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            int writer = w;
            appends.add(CompletableFuture.runAsync(() -> {
                await(start);
                for (int i = 0; i < perWriter; i++) {
                    TrustEvent event = new TrustEvent.TrustRevoked(new ContactRef(new ContactKey(BUSINESS, new ContactId("ct_" + writer)),
                            ContactNames.of(new WaId("4915100000" + writer))),
                            T0.plusSeconds(i), new Actor("key_" + writer), dev.trustgate.domain.TrustState.UNVERIFIED, "load");
                    new Retry(db.transactions).inTransaction(() -> db.events.append(BUSINESS, List.of(event)));
                }
            }, pool));
        }
        List<Long> seen = Collections.synchronizedList(new ArrayList<>());
        CompletableFuture<Void> reader = CompletableFuture.runAsync(() -> {
            await(start);
            long cursor = 0;
            while (cursor < (long) writers * perWriter) {
                long after = cursor;
                List<RecordedEvent> page = db.transactions.inTransaction(() -> db.events.read(BUSINESS, after, 50));
                for (RecordedEvent event : page) {
                    assertThat(event.sequence()).as("no gap after " + cursor).isEqualTo(cursor + 1);
                    cursor = event.sequence();
                    seen.add(cursor);
                }
            }
        }, pool);
        start.countDown();
        CompletableFuture.allOf(appends.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
        reader.get(60, TimeUnit.SECONDS);

        assertThat(seen).hasSize(writers * perWriter).doesNotHaveDuplicates();
    }

    @Test
    void appendsForDifferentBusinessesNeverWaitForEachOther() throws Exception {
        StorageUnderTest storage = Storages.postgres("heads");
        storage.reset();
        JdbiStorage db = Storages.jdbi(storage);
        BusinessNumberId other = new BusinessNumberId("222");
        CountDownLatch appended = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        TrustEvent forA = new TrustEvent.TrustRevoked(EVENT_CONTACT, T0, new Actor("a"), dev.trustgate.domain.TrustState.UNVERIFIED, "x");
        TrustEvent forB = new TrustEvent.TrustRevoked(new ContactRef(new ContactKey(other, EVENT_CONTACT.id()), EVENT_CONTACT.names()), T0, new Actor("b"),
                dev.trustgate.domain.TrustState.UNVERIFIED, "x");

        CompletableFuture<Void> holder = CompletableFuture.runAsync(() -> db.transactions.inTransaction(() -> {
            db.events.append(BUSINESS, List.of(forA));
            appended.countDown();
            await(release);
            return null;
        }), pool);
        appended.await(30, TimeUnit.SECONDS);

        CompletableFuture<List<RecordedEvent>> otherBusiness = CompletableFuture.supplyAsync(
                () -> db.transactions.inTransaction(() -> db.events.append(other, List.of(forB))), pool);
        CompletableFuture<List<RecordedEvent>> sameBusiness = CompletableFuture.supplyAsync(
                () -> db.transactions.inTransaction(() -> db.events.append(BUSINESS, List.of(forA))), pool);

        assertThat(otherBusiness.get(30, TimeUnit.SECONDS)).singleElement().satisfies(e -> assertThat(e.sequence()).isEqualTo(1));
        org.awaitility.Awaitility.await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5)).until(() -> !sameBusiness.isDone());
        release.countDown();
        holder.get(30, TimeUnit.SECONDS);
        assertThat(sameBusiness.get(30, TimeUnit.SECONDS)).singleElement().satisfies(e -> assertThat(e.sequence()).isEqualTo(2));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"PostgreSQL", "H2"})
    void twoClaimersNeverGetTheSameOutboxEntry(String database) throws Exception {
        StorageUnderTest storage = database.equals("H2") ? Storages.h2("claimers") : Storages.postgres("claimers");
        storage.reset();
        JdbiStorage db = Storages.jdbi(storage);
        int entries = 300;
        db.transactions.inTransaction(() -> {
            for (int i = 0; i < entries; i++) {
                db.outbox.enqueue(OutboxEntry.pending("dlv_" + i, BUSINESS, OutboxEntry.Kind.EVENT, "sub_1", "line_" + i,
                        Optional.of((long) i), Optional.empty(), T0));
            }
            return null;
        });
        ConcurrentLinkedQueue<String> claimed = new ConcurrentLinkedQueue<>();
        CountDownLatch start = new CountDownLatch(1);
        List<CompletableFuture<Void>> claimers = new ArrayList<>();
        for (int c = 0; c < 2; c++) {
            claimers.add(CompletableFuture.runAsync(() -> {
                await(start);
                Retry retry = new Retry(db.transactions, 100);
                while (true) {
                    // one destination, no cap on its entries in flight: the two claimers compete for every entry
                    List<Outbox.Claim> batch = retry.inTransaction(() -> db.outbox.claimDue(T0.plusSeconds(1), 7, entries,
                            Duration.ofMinutes(5)));
                    if (batch.isEmpty()) {
                        return;
                    }
                    batch.forEach(claim -> {
                        claimed.add(claim.entry().id());
                        retry.inTransaction(() -> db.outbox.markDelivered(claim, T0.plusSeconds(1)));
                    });
                }
            }, pool));
        }
        start.countDown();
        CompletableFuture.allOf(claimers.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);

        Set<String> unique = new HashSet<>(claimed);
        assertThat(claimed).hasSize(unique.size());
        assertThat(unique).hasSize(entries);
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("latch never opened");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
