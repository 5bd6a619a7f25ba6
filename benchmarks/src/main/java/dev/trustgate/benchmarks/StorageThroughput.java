package dev.trustgate.benchmarks;

import dev.trustgate.adapters.persistence.DatabaseSettings;
import dev.trustgate.adapters.persistence.JdbiStorage;
import dev.trustgate.application.Caller;
import dev.trustgate.application.port.out.Clock;
import dev.trustgate.application.port.out.IdGenerator;
import dev.trustgate.application.port.out.Transactions;
import dev.trustgate.application.service.ContactCommands;
import dev.trustgate.application.service.EventPublisher;
import dev.trustgate.application.transaction.Retry;
import dev.trustgate.application.transaction.UseCaseTransactions;
import dev.trustgate.domain.Actor;
import dev.trustgate.domain.BusinessNumber;
import dev.trustgate.domain.BusinessNumberId;
import dev.trustgate.domain.ChangeId;
import dev.trustgate.application.port.in.ContactSelector;
import dev.trustgate.application.service.Contacts;
import dev.trustgate.domain.ContactNames;
import dev.trustgate.domain.Evidence;
import dev.trustgate.domain.IdentityHash;
import dev.trustgate.domain.SignalSource;
import dev.trustgate.domain.WaId;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * State-changing commands per second through the real storage: load the contact, apply the command,
 * save it with its version check, append the events to the hash-chained log, in one transaction.
 * Each caller alternates an identity change and its acknowledgement on contacts of its own.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar dev.trustgate.benchmarks.StorageThroughput h2|postgres THREADS BUSINESSES SECONDS</pre>
 */
public final class StorageThroughput {

    public static void main(String[] args) throws Exception {
        String database = args.length > 0 ? args[0] : "h2";
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 16;
        int businesses = args.length > 2 ? Integer.parseInt(args[2]) : 16;
        int seconds = args.length > 3 ? Integer.parseInt(args[3]) : 15;
        EmbeddedPostgres postgres = null;
        DatabaseSettings settings;
        if (database.equals("postgres")) {
            postgres = EmbeddedPostgres.builder().setServerConfig("max_connections", "100").setServerConfig("synchronous_commit", System.getProperty("pg.sync", "on")).start();
            settings = new DatabaseSettings(postgres.getJdbcUrl("postgres", "postgres"), "postgres", "postgres", Math.max(2, threads),
                    Duration.ofSeconds(5));
        } else if (database.equals("h2mem")) {
            settings = new DatabaseSettings("jdbc:h2:mem:bench;DB_CLOSE_DELAY=-1", "sa", "", Math.max(2, threads), Duration.ofSeconds(5));
        } else {
            Path dir = Files.createTempDirectory("trustgate-bench");
            settings = new DatabaseSettings("jdbc:h2:file:" + dir.resolve("bench"), "sa", "", Math.max(2, threads), Duration.ofSeconds(5));
        }
        try (JdbiStorage storage = JdbiStorage.open(settings)) {
            double perSecond = run(storage, threads, businesses, seconds);
            System.out.printf("%s threads=%d businesses=%d: %.0f commands/s%n", database, threads, businesses, perSecond);
        } finally {
            if (postgres != null) {
                postgres.close();
            }
        }
    }

    static double run(JdbiStorage storage, int threads, int businessCount, int seconds) throws InterruptedException {
        Clock clock = () -> Instant.now().truncatedTo(ChronoUnit.MICROS);
        AtomicLong idCounter = new AtomicLong();
        IdGenerator ids = prefix -> prefix + "_" + idCounter.incrementAndGet();
        UseCaseTransactions composed = UseCaseTransactions.compose(storage.transactions, opened -> new Retry(opened, 50),
                opened -> opened);
        Transactions retry = composed.useCases();
        Contacts contacts = new Contacts(storage.contacts, storage.messages,
                new EventPublisher(storage.events, storage.subscriptions, storage.outbox, ids, clock, composed.scope()), ids);
        ContactCommands commands = new ContactCommands(retry, contacts, storage.businesses, storage.messages);
        List<BusinessNumberId> businesses = new ArrayList<>();
        for (int b = 0; b < businessCount; b++) {
            BusinessNumberId id = new BusinessNumberId(String.valueOf(1_000_000 + b));
            businesses.add(id);
            retry.inTransaction(() -> {
                storage.businesses.save(BusinessNumber.unknown(id).optIn(clock.now()));
                return null;
            });
        }
        Caller admin = Caller.admin(new Actor("bench"));
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicBoolean measuring = new AtomicBoolean(false);
        AtomicLong done = new AtomicLong();
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            Thread worker = new Thread(() -> {
                BusinessNumberId business = businesses.get(thread % businessCount);
                WaId waId = new WaId("4915100" + (10000 + thread));
                ContactSelector key = new ContactSelector(business, waId);
                long step = 0;
                while (running.get()) {
                    IdentityHash hash = new IdentityHash("SGFzaA" + thread + "x" + step);
                    Instant asOf = Instant.ofEpochSecond(1_700_000_000L + step);
                    retry.inTransaction(() -> {
                        BusinessNumber b = storage.businesses.findOrUnknown(business);
                        Contacts.Attached c = contacts.attach(business, List.of(waId), ContactNames.of(waId), b, clock.now(), asOf);
                        return contacts.finish(c, c.contact().identityChanged(Optional.of(hash), asOf, SignalSource.WHATSAPP_MESSAGE,
                                new ChangeId(ids.newId("chg")), b, clock.now()), clock.now());
                    });
                    commands.execute(admin, key, (c, b) -> c.acknowledge(hash, admin.actor(), Evidence.NONE, b, clock.now()))
                            .fold(changed -> changed, ignored -> {
                                throw new IllegalStateException("the acknowledgement was ignored: " + ignored);
                            }, rejected -> {
                                throw new IllegalStateException("the acknowledgement was refused: " + rejected);
                            });
                    step++;
                    if (measuring.get()) {
                        done.addAndGet(2);
                    }
                }
            });
            workers.add(worker);
            worker.start();
        }
        Thread.sleep(3000);
        measuring.set(true);
        long start = System.nanoTime();
        Thread.sleep(seconds * 1000L);
        long count = done.get();
        long elapsed = System.nanoTime() - start;
        running.set(false);
        for (Thread worker : workers) {
            worker.join();
        }
        return count / (elapsed / 1e9);
    }
}
