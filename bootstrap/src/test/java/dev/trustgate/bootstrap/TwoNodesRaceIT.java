package dev.trustgate.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trustgate.application.fakes.WhatsAppSamples;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Two trustgate processes share one PostgreSQL. For the same customers, identity changes arrive at either
 * node while two clients race to acknowledge each change (one per node) and senders hammer both nodes with
 * native and drop-in sends. A fake Graph API records every forwarded send with its pin.
 *
 * <p>The check uses only what clients saw, in real time (a logical clock shared by every thread): a send
 * that began after a change was committed (its webhook got a 200) and ended before anyone even asked to
 * acknowledge it must never reach WhatsApp; every forwarded send is pinned to a hash that was the
 * acknowledged one at some moment during the send. Then: every change and every acknowledgement is in
 * the log exactly once, without gaps, and the audit chain verifies.
 */
class TwoNodesRaceIT {

    private static final int CONTACTS = 4;
    private static final int ROUNDS = Integer.getInteger("trustgate.race.rounds", 12);
    private static final int SENDERS = 6;
    private static final long T0 = Instant.now().getEpochSecond() - 6 * 3600;

    /** Moments on one clock shared by all threads: strictly increasing, so before/after is exact. */
    private final AtomicLong clock = new AtomicLong();

    /** Round k of one customer: the change to H_k committed at {@code committed}; acknowledgement first asked at {@code ackAsked}. */
    record Round(String hash, long committed, long ackAsked) {
    }

    record Send(String token, String waId, long start, long end, int status) {
    }

    @Test
    void noSendLeavesForAnUnacknowledgedChangeAndEveryPinIsTheAcknowledgedIdentity() throws Exception {
        Path logs = Path.of("target/it-logs/TwoNodesRaceIT");
        FakeGraph graph = new FakeGraph();
        Map<String, String> live = Map.of("WHATSAPP_ACCESS_TOKEN", "EAAG-race", "WHATSAPP_GRAPH_URL", graph.url());
        try (graph; Cluster cluster = new Cluster("race", 2, logs, live).start()) {
            cluster.optIn("NONE");
            String key = cluster.apiKey("race");
            Map<String, List<Round>> rounds = new ConcurrentHashMap<>();
            for (int c = 0; c < CONTACTS; c++) {
                String waId = waId(c);
                assertThat(cluster.webhook(cluster.node(c), WhatsAppSamples.inboundText(waId, hash(c, 0), T0, "wamid.race." + c + ".0")))
                        .isEqualTo(200);
                rounds.put(waId, new ArrayList<>(List.of(new Round(hash(c, 0), clock.incrementAndGet(), clock.incrementAndGet()))));
            }

            AtomicBoolean running = new AtomicBoolean(true);
            ConcurrentLinkedQueue<Send> sends = new ConcurrentLinkedQueue<>();
            ExecutorService pool = Executors.newFixedThreadPool(SENDERS + CONTACTS * 3);
            List<Future<?>> senders = new ArrayList<>();
            for (int s = 0; s < SENDERS; s++) {
                senders.add(pool.submit(() -> {
                    ThreadLocalRandom random = ThreadLocalRandom.current();
                    while (running.get()) {
                        String waId = waId(random.nextInt(CONTACTS));
                        String token = "race-" + java.util.UUID.randomUUID();
                        NodeProcess node = cluster.node(random.nextInt(2));
                        long start = clock.incrementAndGet();
                        int status = random.nextBoolean()
                                ? cluster.call(node, "POST", "/v1/messages", key, "{\"from\":\"" + Cluster.PNID + "\",\"to\":\"" + waId
                                        + "\",\"message\":{\"type\":\"text\",\"text\":{\"body\":\"" + token + "\"}}}").status()
                                : cluster.call(node, "POST", "/v25.0/" + Cluster.PNID + "/messages", key,
                                        "{\"messaging_product\":\"whatsapp\",\"to\":\"" + waId + "\",\"type\":\"text\","
                                                + "\"text\":{\"body\":\"" + token + "\"}}").status();
                        sends.add(new Send(token, waId, start, clock.incrementAndGet(), status));
                    }
                    return null;
                }));
            }
            List<Future<?>> controllers = new ArrayList<>();
            for (int c = 0; c < CONTACTS; c++) {
                int contact = c;
                controllers.add(pool.submit(() -> {
                    String waId = waId(contact);
                    String path = "/v1/businesses/" + Cluster.PNID + "/contacts/" + waId + "/acknowledgements";
                    for (int k = 1; k <= ROUNDS; k++) {
                        String hash = hash(contact, k);
                        int status = cluster.webhook(cluster.node(contact + k),
                                WhatsAppSamples.identityChange(waId, hash, T0 + k, "wamid.race." + contact + "." + k));
                        assertThat(status).isEqualTo(200);
                        long committed = clock.incrementAndGet();
                        long asked = clock.incrementAndGet();
                        rounds.get(waId).add(new Round(hash, committed, asked));
                        String body = "{\"identityHash\":\"" + hash + "\"}";
                        CompletableFuture<NodeProcess.Answer> first = CompletableFuture.supplyAsync(
                                () -> cluster.call(cluster.node(0), "POST", path, key, body), pool);
                        CompletableFuture<NodeProcess.Answer> second = CompletableFuture.supplyAsync(
                                () -> cluster.call(cluster.node(1), "POST", path, key, body), pool);
                        assertThat(List.of(first.join().status(), second.join().status())).as("acknowledgements of %s", hash)
                                .contains(200).allMatch(s -> s == 200 || s == 409);
                    }
                    return null;
                }));
            }
            for (Future<?> controller : controllers) {
                controller.get();
            }
            running.set(false);
            for (Future<?> sender : senders) {
                sender.get();
            }
            pool.shutdown();

            Map<String, FakeGraph.Forwarded> forwarded = graph.forwarded().stream()
                    .collect(Collectors.toMap(f -> f.body().path("text").path("body").asText(), f -> f));
            List<Send> all = List.copyOf(sends);
            long blocked = all.stream().filter(s -> !forwarded.containsKey(s.token())).count();
            System.out.printf("two nodes: %d sends, %d forwarded, %d not; %d changes%n", all.size(), forwarded.size(), blocked,
                    CONTACTS * ROUNDS);
            assertThat(forwarded.size()).as("sends did get through between changes").isPositive();
            assertThat(blocked).as("sends were blocked while changes were pending").isPositive();
            for (Send send : all) {
                FakeGraph.Forwarded out = forwarded.get(send.token());
                if (out == null) {
                    continue;
                }
                List<Round> history = rounds.get(send.waId());
                for (int k = 1; k < history.size(); k++) {
                    Round round = history.get(k);
                    assertThat(round.committed() < send.start() && round.ackAsked() > send.end())
                            .as("send %s left while the change to %s was unacknowledged", send, round.hash()).isFalse();
                }
                assertThat(out.pin()).as("send %s", send).isPresent();
                assertThat(acknowledgedDuring(history, send)).as("pin of %s", send).contains(out.pin().get());
            }

            List<Cluster.StoredEvent> events = cluster.events();
            for (int i = 0; i < events.size(); i++) {
                assertThat(events.get(i).sequence()).as("no gap, no duplicate sequence").isEqualTo(i + 1L);
            }
            Map<String, Long> changes = count(events, "identity.changed");
            Map<String, Long> acknowledgements = count(events, "identity.acknowledged");
            for (List<Round> history : rounds.values()) {
                for (Round round : history.subList(1, history.size())) {
                    assertThat(changes).as("change to %s recorded once", round.hash()).containsEntry(round.hash(), 1L);
                    assertThat(acknowledgements).as("acknowledgement of %s recorded once", round.hash())
                            .containsEntry(round.hash(), 1L);
                }
            }
            assertThat(cluster.auditVerification().get("valid").asBoolean()).isTrue();
        }
    }

    /** The hashes that were the acknowledged identity at some moment during the send. */
    private static List<String> acknowledgedDuring(List<Round> history, Send send) {
        List<String> possible = new ArrayList<>();
        for (int k = 0; k < history.size(); k++) {
            boolean acknowledgedBeforeItEnded = history.get(k).ackAsked() < send.end();
            boolean notReplacedBeforeItStarted = k + 1 >= history.size() || history.get(k + 1).committed() > send.start();
            if (acknowledgedBeforeItEnded && notReplacedBeforeItStarted) {
                possible.add(history.get(k).hash());
            }
        }
        return possible;
    }

    private static Map<String, Long> count(List<Cluster.StoredEvent> events, String type) {
        return events.stream().filter(e -> e.type().equals(type))
                .collect(Collectors.groupingBy(e -> Optional.ofNullable(e.data().get("identityHash")).map(n -> n.asText())
                        .orElse("?"), HashMap::new, Collectors.counting()));
    }

    private static String waId(int contact) {
        return "49160000000" + contact;
    }

    private static String hash(int contact, int round) {
        return "R" + contact + "x" + round + "=";
    }
}
