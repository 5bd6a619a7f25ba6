package dev.trustgate.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.trustgate.application.fakes.WhatsAppSamples;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The server process is killed with SIGKILL at random moments while signed identity-change webhooks pour in
 * from eight senders, on PostgreSQL and on the embedded H2 file default. What the killed process left behind
 * is read straight from the database: every webhook that got a 200 has its effect and its receipt. WhatsApp
 * then redelivers everything, and nothing is applied twice.
 * {@code -Dtrustgate.crash.kills=20} runs the long variant ({@code benchmarks/reliability.sh} does).
 */
class CrashSafetyIT {

    private static final int KILLS = Integer.getInteger("trustgate.crash.kills", 5);
    private static final int SENDERS = 8;
    private static final int CONTACTS_PER_SENDER = 5;
    private static final long T0 = Instant.now().getEpochSecond() - 6 * 3600;
    private static final Path LOGS = Path.of("target/it-logs/CrashSafetyIT");

    /** One webhook as WhatsApp sent it, and what trustgate answered the first time. */
    record Sent(String messageId, String waId, String hash, String body, int status) {
    }

    @Test
    void onPostgresqlEveryWebhookThatGotA200SurvivesSigkillAndNoneIsAppliedTwice() throws Exception {
        try (Cluster cluster = new Cluster("crash", 1, LOGS.resolve("postgresql"), Map.of()).start()) {
            killRepeatedlyUnderWebhookLoad(cluster, "PostgreSQL");
        }
    }

    @Test
    void onTheEmbeddedH2DefaultEveryWebhookThatGotA200SurvivesSigkillAndNoneIsAppliedTwice() throws Exception {
        try (Cluster cluster = Cluster.onEmbeddedH2(LOGS.resolve("h2"), Map.of()).start()) {
            killRepeatedlyUnderWebhookLoad(cluster, "embedded H2");
        }
    }

    private static void killRepeatedlyUnderWebhookLoad(Cluster cluster, String database) throws Exception {
        long seed = Long.getLong("trustgate.crash.seed", System.nanoTime());
        Random random = new Random(seed);
        cluster.optIn("NONE");
        NodeProcess node = cluster.node(0);
        ConcurrentLinkedQueue<Sent> sent = new ConcurrentLinkedQueue<>();
        AtomicInteger accepted = new AtomicInteger();
        AtomicBoolean running = new AtomicBoolean(true);
        ExecutorService pool = Executors.newFixedThreadPool(SENDERS);
        List<Future<?>> senders = new ArrayList<>();
        for (int s = 0; s < SENDERS; s++) {
            int sender = s;
            senders.add(pool.submit(() -> {
                for (int round = 1; running.get(); round++) {
                    for (int c = 0; c < CONTACTS_PER_SENDER && running.get(); c++) {
                        String waId = "4915" + sender + String.format("%07d", c);
                        String hash = "H" + sender + "c" + c + "r" + round + "=";
                        String id = "wamid.crash." + waId + "." + round;
                        String body = WhatsAppSamples.identityChange(waId, hash, T0 + round, id);
                        int status = cluster.webhook(node, body);
                        sent.add(new Sent(id, waId, hash, body, status));
                        if (status == 200) {
                            accepted.incrementAndGet();
                        } else {
                            // as WhatsApp, come back once the node is up again; this one is redelivered at the end
                            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(100))
                                    .until(() -> !running.get() || node.ready());
                        }
                    }
                }
                return null;
            }));
        }
        for (int kill = 1; kill <= KILLS; kill++) {
            int before = accepted.get();
            int wanted = 20 + random.nextInt(80);
            await().atMost(Duration.ofSeconds(60)).until(() -> accepted.get() >= before + wanted);
            node.kill();
            if (kill < KILLS) {
                node.start();
            }
        }
        // the last kill hit the load: what it left behind is what the database holds now
        running.set(false);
        for (Future<?> f : senders) {
            f.get();
        }
        pool.shutdown();

        List<Sent> all = List.copyOf(sent);
        List<Sent> acknowledged = all.stream().filter(s -> s.status() == 200).toList();
        Set<String> receipts = receiptIds(cluster);
        Map<String, Long> changes = changesByHash(cluster);
        List<String> lost = acknowledged.stream()
                .filter(s -> !receipts.contains(s.messageId()) || changes.getOrDefault(s.hash(), 0L) != 1L)
                .map(Sent::messageId).toList();

        // WhatsApp redelivers everything (it retries what got no 200, and may repeat the rest)
        node.start();
        Map<Integer, Long> redelivered = all.stream().map(s -> cluster.webhook(node, s.body()))
                .collect(Collectors.groupingBy(status -> status, Collectors.counting()));
        boolean chainValid = cluster.auditVerification().get("valid").asBoolean();
        node.kill();
        Set<String> receiptsAfter = receiptIds(cluster);
        Map<String, Long> changesAfter = changesByHash(cluster);
        List<String> appliedTwice = changesAfter.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey).toList();
        List<String> withoutReceipt = all.stream().map(Sent::messageId).filter(id -> !receiptsAfter.contains(id)).toList();
        List<String> acknowledgedWithoutEffect = acknowledged.stream().map(Sent::hash)
                .filter(h -> !changesAfter.containsKey(h)).toList();

        System.out.printf("crash safety on %s, seed %d: %d kills, %d webhooks, %d answered 200, answers %s; "
                        + "lost after the kills: %d; redelivered: %s; applied twice: %d%n", database, seed, KILLS,
                all.size(), acknowledged.size(), all.stream().collect(Collectors.groupingBy(Sent::status, Collectors.counting())),
                lost.size(), redelivered, appliedTwice.size());
        assertThat(all).extracting(Sent::status).as("seed %d: 200, or no answer from a killed node", seed)
                .allMatch(status -> status == 200 || status == -1);
        assertThat(lost).as("seed %d: %d of %d webhooks answered 200 on %s were gone after SIGKILL", seed, lost.size(),
                acknowledged.size(), database).isEmpty();
        assertThat(redelivered).as("seed %d: every redelivery answered 200", seed).containsOnlyKeys(200);
        assertThat(appliedTwice).as("seed %d: changes applied twice on %s", seed, database).isEmpty();
        assertThat(withoutReceipt).as("seed %d: redelivered webhooks without a receipt", seed).isEmpty();
        assertThat(acknowledgedWithoutEffect).as("seed %d: changes answered 200 without their event", seed).isEmpty();
        List<Cluster.StoredEvent> events = cluster.events();
        for (int i = 0; i < events.size(); i++) {
            assertThat(events.get(i).sequence()).as("no gap in the sequence").isEqualTo(i + 1L);
        }
        assertThat(chainValid).as("the audit chain verifies").isTrue();
    }

    /** The message ids of the stored receipts (a receipt key ends in {@code :<message id>}). */
    private static Set<String> receiptIds(Cluster cluster) {
        return cluster.receiptKeys().stream().map(k -> k.substring(k.lastIndexOf(':') + 1)).collect(Collectors.toSet());
    }

    private static Map<String, Long> changesByHash(Cluster cluster) {
        return cluster.events().stream().filter(e -> e.type().equals("identity.changed"))
                .collect(Collectors.groupingBy(e -> e.data().path("identityHash").asText(), HashMap::new, Collectors.counting()));
    }
}
