package dev.trustgate.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's start command, {@code java -XX:SharedArchiveFile=bootstrap/target/trustgate.jsa -jar
 * bootstrap/target/trustgate.jar}, typed at the repository root after the build: the server it starts is ready, and
 * its classes come from the archive the build wrote beside the jar. An archive that does not fit the jar, or none,
 * only costs speed: the same command still starts a server that serves.
 */
class StartArchiveIT {

    private static final Path ROOT = NodeProcess.JAR.getParent().getParent().getParent();
    private static final String ARCHIVE = "bootstrap/target/trustgate.jsa";
    private static final String JAR = "bootstrap/target/trustgate.jar";
    /** Classes every start loads: the command line, configuration, storage, JSON and HTTP. */
    private static final List<String> START_CLASSES = List.of("dev.trustgate.bootstrap.Main", "dev.trustgate.bootstrap.Config",
            "dev.trustgate.bootstrap.TrustgateServer", "org.h2.engine.Database", "com.zaxxer.hikari.HikariDataSource",
            "org.jdbi.v3.core.Jdbi", "com.fasterxml.jackson.databind.ObjectMapper", "io.javalin.Javalin",
            "org.eclipse.jetty.server.Server", "io.micrometer.prometheusmetrics.PrometheusMeterRegistry");
    private static final String FROM_ARCHIVE = "source: shared objects file (top)";

    @TempDir
    Path work;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private Process server;

    @AfterEach
    void stop() throws InterruptedException {
        if (server != null) {
            server.destroy();
            server.waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void theDocumentedCommandStartsFromTheArchiveTheBuildWroteAndIsReady() throws Exception {
        assertThat(Files.readString(ROOT.resolve("README.md"))).as("the README's first command")
                .contains("mvn -B -q -DskipTests package && java -XX:SharedArchiveFile=" + ARCHIVE + " -jar " + JAR + "\n");
        assertThat(ROOT.resolve(ARCHIVE)).as("the archive the package phase writes beside the jar").isRegularFile();

        List<String> loaded = startReady(ARCHIVE, JAR);

        assertThat(START_CLASSES.stream().filter(name -> !loaded.contains(name + " " + FROM_ARCHIVE)))
                .as("classes every start needs that did not come from the archive").isEmpty();
        // picocli's classes are in Java 5's format, which no archive takes; of the rest, nearly all come from the archive
        assertThat(loaded.stream().filter(line -> line.contains("source: file:") && !line.startsWith("picocli.")))
                .as("classes read from the jar rather than the archive").hasSizeLessThan(20);
        assertThat(loaded.stream().filter(line -> line.endsWith(FROM_ARCHIVE))).as("classes from the archive").hasSizeGreaterThan(3000);
        assertThat(output()).as("what the start printed").doesNotContain("[warning]").doesNotContain("[error]");
    }

    @Test
    void anArchiveOfAnotherJarOnlyCostsSpeed() throws Exception {
        Path copy = work.resolve("trustgate.jar");
        Files.copy(ROOT.resolve(JAR), copy, StandardCopyOption.REPLACE_EXISTING); // the archive names the jar it was built from

        List<String> loaded = startReady(ARCHIVE, copy.toString());

        assertThat(loaded).as("classes from the archive").noneMatch(line -> line.endsWith(FROM_ARCHIVE));
        assertThat(output().lines().filter(line -> line.contains("[warning]")).toList()).as("the JVM's warnings")
                .singleElement().asString().contains("Unable to use shared archive");
    }

    @Test
    void noArchiveOnlyCostsSpeed() throws Exception {
        List<String> loaded = startReady(work.resolve("missing.jsa").toString(), JAR);

        assertThat(loaded).as("classes from the archive").noneMatch(line -> line.endsWith(FROM_ARCHIVE));
        assertThat(output()).as("what the start printed").doesNotContain("[warning]").doesNotContain("[error]");
    }

    /**
     * Runs {@code java -XX:SharedArchiveFile=archive -jar jar} at the repository root, on a database of its own, until
     * it answers ready; returns the classes it loaded, each as {@code name source: …}.
     */
    private List<String> startReady(String archive, String jar) throws IOException {
        Path classes = work.resolve("classes.txt");
        List<String> line = new ArrayList<>(List.of("java", "-XX:SharedArchiveFile=" + archive,
                "-Xlog:class+load=info:file=" + classes, "-jar", jar));
        ProcessBuilder builder = new ProcessBuilder(line).directory(ROOT.toFile()).redirectErrorStream(true)
                .redirectOutput(work.resolve("out.txt").toFile());
        builder.environment().keySet().removeIf(k -> k.startsWith("TRUSTGATE_") || k.startsWith("WHATSAPP_"));
        int port = freePort();
        builder.environment().put("TRUSTGATE_DB_URL", "jdbc:h2:file:" + work.resolve("data/trustgate"));
        builder.environment().put("TRUSTGATE_HOST", "127.0.0.1");
        builder.environment().put("TRUSTGATE_PORT", Integer.toString(port));
        server = builder.start();
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(100)).until(() -> {
            assertThat(server.isAlive()).as("the server is running; it printed:%n%s", output()).isTrue();
            return ready(port);
        });
        return Files.readAllLines(classes, StandardCharsets.UTF_8).stream()
                .map(l -> l.replaceFirst("^(\\[[^\\]]*\\]\\s*)+", "")).toList();
    }

    private boolean ready(int port) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health/ready"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private String output() throws IOException {
        return Files.readString(work.resolve("out.txt"), StandardCharsets.UTF_8);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
