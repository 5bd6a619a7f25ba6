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
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The server process is killed with SIGKILL at random moments while signed identity-change webhooks
 * pour in (real PostgreSQL). After each restart every webhook that got a 200 has its effect and its
 * receipt; WhatsApp then redelivers everything, and nothing is applied twice.
 * {@code -Dtrustgate.crash.kills=20} runs the long variant ({@code benchmarks/reliability.sh} does).
 */
class CrashSafetyIT {

    private static final int KILLS = Integer.getInteger("trustgate.crash.kills", 2);
    private static final int SENDERS = 4;
    private static final int CONTACTS_PER_SENDER = 5;
    private static final long T0 = Instant.now().getEpochSecond() - 6 * 3600;

    /** One webhook as WhatsApp sent it, and what trustgate answered the first time. */
    record Sent(String messageId, String waId, String hash, String body, int status) {
    }

    @Test
    void everyWebhookThatGotA200SurvivesSigkillAndNoneIsAppliedTwice() throws Exception {
        Path logs = Path.of("target/it-logs/CrashSafetyIT");
        long seed = Long.getLong("trustgate.crash.seed", System.nanoTime());
        Random random = new Random(seed);
        try (Cluster cluster = new Cluster("crash", 1, logs, Map.of()).start()) {
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
                node.start();
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> accepted.get() >= 50);
            running.set(false);
            for (Future<?> f : senders) {
                f.get();
            }
            pool.shutdown();

            List<Sent> all = List.copyOf(sent);
            List<Sent> acknowledged = all.stream().filter(s -> s.status() == 200).toList();
            System.out.printf("crash safety, seed %d: %d kills, %d webhooks, %d answered 200, answers %s%n", seed, KILLS,
                    all.size(), acknowledged.size(), all.stream().collect(Collectors.groupingBy(Sent::status, Collectors.counting())));
            assertThat(all).extracting(Sent::status).as("seed %d: 200, or no answer from a killed node", seed)
                    .allMatch(status -> status == 200 || status == -1);

            // every 200 has its receipt and its effect
            List<String> receipts = cluster.receiptKeys();
            Map<String, Long> changesByHash = changesByHash(cluster);
            for (Sent s : acknowledged) {
                assertThat(receipts).as("seed %d: receipt of %s", seed, s.messageId()).anyMatch(k -> k.contains(s.messageId()));
                assertThat(changesByHash).as("seed %d: effect of %s", seed, s.messageId()).containsEntry(s.hash(), 1L);
            }

            // WhatsApp redelivers everything (it retries what got no 200, and may repeat the rest)
            for (Sent s : all) {
                assertThat(cluster.webhook(node, s.body())).as("redelivery of %s", s.messageId()).isEqualTo(200);
            }
            Map<String, Long> afterRedelivery = changesByHash(cluster);
            assertThat(afterRedelivery.values()).as("seed %d: no change applied twice", seed).allMatch(n -> n == 1);
            for (Sent s : acknowledged) {
                assertThat(afterRedelivery).containsEntry(s.hash(), 1L);
            }
            List<String> receiptsAfter = cluster.receiptKeys();
            for (Sent s : all) {
                assertThat(receiptsAfter).as("receipt of %s", s.messageId()).anyMatch(k -> k.contains(s.messageId()));
            }
            List<Cluster.StoredEvent> events = cluster.events();
            for (int i = 0; i < events.size(); i++) {
                assertThat(events.get(i).sequence()).as("no gap in the sequence").isEqualTo(i + 1L);
            }
            assertThat(cluster.auditVerification().get("valid").asBoolean()).isTrue();
        }
    }

    private static Map<String, Long> changesByHash(Cluster cluster) {
        return cluster.events().stream().filter(e -> e.type().equals("identity.changed"))
                .collect(Collectors.groupingBy(e -> e.data().path("identityHash").asText(), HashMap::new, Collectors.counting()));
    }
}
