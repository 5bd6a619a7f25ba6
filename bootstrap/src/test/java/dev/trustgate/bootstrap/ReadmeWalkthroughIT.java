package dev.trustgate.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Starts the built {@code trustgate.jar} on its embedded default, exactly as the README's first command
 * does, and runs the README's walk-through against it, so the README cannot rot.
 */
class ReadmeWalkthroughIT {

    @Test
    void theReadmeWalkThroughRunsAgainstTheBuiltJar(@TempDir Path work) throws Exception {
        MarkdownScript walkthrough = MarkdownScript.of("README.md", "walkthrough");
        assertThat(walkthrough.text()).as("the block stops at the first step that fails").startsWith("set -euo pipefail\n");
        try (NodeProcess server = new NodeProcess("trustgate", Map.of(), work).start()) {
            await().atMost(Duration.ofSeconds(30)).until(() -> server.output().contains("tg_"));
            assertThat(server.output()).contains("DRY-RUN");
            assertThat(work.resolve("data")).as("data lives under ./data").isDirectory();
            String admin = server.output().lines().map(String::trim).filter(l -> l.startsWith("tg_")).findFirst().orElseThrow();
            Map<String, String> env = Map.of("TG", "http://127.0.0.1:" + server.port(), "ADMIN", admin);

            MarkdownScript.Run run = walkthrough.run(work, env);
            assertThat(run.exitCode()).as(run.output()).isZero();
            assertThat(run.output()).contains("\"valid\":true");
            JsonNode feed = new ObjectMapper().readTree(run.output().lines().filter(l -> l.startsWith("{\"events\"")).reduce((a, b) -> b)
                    .orElseThrow(() -> new AssertionError("the walk-through shows the event feed: " + run.output())));
            assertThat(feed.get("events")).as("the whole lifecycle, not its first page").hasSize(feed.get("head").asInt());
            assertThat(feed.get("events")).extracting(e -> e.get("type").asText())
                    .contains("identity.baseline", "trust.established", "identity.changed", "trust.broken", "reauthentication.started",
                            "reauthentication.succeeded", "identity.acknowledged", "message.blocked");

            MarkdownScript.Run again = walkthrough.run(work, env);
            assertThat(again.exitCode()).as("a second run on the same data stops").isNotZero();
            assertThat(again.output()).as(again.output()).contains("fresh ./data").doesNotContain("\"valid\"");
        }
    }
}
