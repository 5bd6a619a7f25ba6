package dev.trustgate.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Starts the built {@code trustgate.jar} on its embedded default, exactly as the README's first command
 * does, and runs the README's walk-through against it, so the README cannot rot.
 */
class ReadmeWalkthroughIT {

    private static final Pattern BLOCK = Pattern.compile("<!-- walkthrough:start -->\\s*```bash\\n(.*?)```\\s*<!-- walkthrough:end -->",
            Pattern.DOTALL);

    @Test
    void theReadmeWalkThroughRunsAgainstTheBuiltJar(@TempDir Path work) throws Exception {
        Path root = Path.of("..").toAbsolutePath().normalize();
        Path jar = root.resolve("bootstrap/target/trustgate.jar");
        assertThat(jar).exists();
        Matcher matcher = BLOCK.matcher(Files.readString(root.resolve("README.md")));
        assertThat(matcher.find()).as("README has a walk-through block").isTrue();
        Path script = work.resolve("walkthrough.sh");
        Files.writeString(script, matcher.group(1));
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path serverOut = work.resolve("server.out");
        ProcessBuilder serverBuilder = new ProcessBuilder("java", "-jar", jar.toString()).directory(work.toFile())
                .redirectErrorStream(true).redirectOutput(serverOut.toFile());
        serverBuilder.environment().keySet().removeIf(k -> k.startsWith("TRUSTGATE_") || k.startsWith("WHATSAPP_"));
        serverBuilder.environment().put("TRUSTGATE_PORT", Integer.toString(port));
        Process server = serverBuilder.start();
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> Files.readString(serverOut).contains("tg_"));
            List<String> lines = Files.readAllLines(serverOut, StandardCharsets.UTF_8);
            assertThat(lines).anySatisfy(l -> assertThat(l).contains("DRY-RUN"));
            assertThat(work.resolve("data")).as("data lives under ./data").isDirectory();
            String admin = lines.stream().map(String::trim).filter(l -> l.startsWith("tg_")).findFirst().orElseThrow();

            ProcessBuilder walk = new ProcessBuilder("bash", "-euo", "pipefail", script.toString()).directory(root.toFile())
                    .redirectErrorStream(true).redirectOutput(work.resolve("walk.out").toFile());
            walk.environment().put("TG", "http://127.0.0.1:" + port);
            walk.environment().put("ADMIN", admin);
            Process walkthrough = walk.start();
            assertThat(walkthrough.waitFor(180, TimeUnit.SECONDS)).isTrue();
            assertThat(walkthrough.exitValue()).as(Files.readString(work.resolve("walk.out"))).isZero();
            assertThat(Files.readString(work.resolve("walk.out"))).contains("\"valid\":true");
        } finally {
            server.destroy();
            server.waitFor(20, TimeUnit.SECONDS);
        }
    }
}
