package dev.trustgate.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The commands that neither serve nor call WhatsApp start only what they need: no HTTP server, no TLS for
 * outgoing calls, no metrics, and no Flyway on a database whose schema is current. Checked on the built jar with
 * the JVM's own list of the classes it loaded.
 */
class CommandsLoadOnlyWhatTheyNeedIT {

    private static final List<String> NOT_NEEDED = List.of("io.javalin.", "org.eclipse.jetty.", "io.micrometer.",
            "sun.security.ssl.SSL", "jdk.internal.net.http.", "org.flywaydb.");

    @TempDir
    Path work;

    @ParameterizedTest
    @ValueSource(strings = {"--help", "api-key list", "audit verify --phone-number-id 106540352242922",
            "simulate message --to 15551234567 --hash c2ltdWxhdGVk --url http://127.0.0.1:9"})
    void aCommandThatNeitherServesNorCallsWhatsAppLoadsNoServerTlsMetricsOrMigrations(String command) throws Exception {
        run("migrate"); // the schema is current: what follows is an ordinary run on an existing database

        List<String> loaded = run(command);

        assertThat(loaded).as("classes loaded by " + command).isNotEmpty()
                .noneMatch(name -> NOT_NEEDED.stream().anyMatch(name::startsWith));
    }

    @ParameterizedTest
    @ValueSource(strings = {"api-key list", "audit verify --phone-number-id 106540352242922"})
    void aDatabaseCommandLeavesTheFlightRecordersSetUpToAnotherThreadWhileItOpensTheDatabase(String command) throws Exception {
        run("migrate");

        Map<String, String> threads = threadsThatLoaded(command);

        // JDBI registers an event with the flight recorder on its first statement, which sets up the recorder's metadata
        assertThat(threads).containsKeys("dev.trustgate.bootstrap.Main", "jdk.jfr.internal.MetadataRepository");
        assertThat(threads.get("jdk.jfr.internal.MetadataRepository")).as("the thread that set up the flight recorder")
                .isNotEqualTo(threads.get("dev.trustgate.bootstrap.Main"));
    }

    /** Runs the jar with {@code command} and returns the names of the classes the JVM loaded. */
    private List<String> run(String command) throws IOException, InterruptedException {
        return log(command).stream().map(l -> l.replaceFirst("^(\\[[^\\]]*\\]\\s*)+", "").split(" ")[0]).toList();
    }

    /** Runs the jar with {@code command} and returns, for each class the JVM loaded, the id of the thread that loaded it. */
    private Map<String, String> threadsThatLoaded(String command) throws IOException, InterruptedException {
        Map<String, String> threads = new java.util.HashMap<>();
        for (String line : log(command)) {
            java.util.regex.Matcher loaded = java.util.regex.Pattern.compile("^\\[(\\d+)\\]\\s*(\\S+) ").matcher(line);
            if (loaded.find()) {
                threads.putIfAbsent(loaded.group(2), loaded.group(1));
            }
        }
        return threads;
    }

    /** Runs the jar with {@code command}; the JVM's class-loading log, each line led by the loading thread's id. */
    private List<String> log(String command) throws IOException, InterruptedException {
        Path classes = work.resolve("classes.txt");
        Files.deleteIfExists(classes);
        List<String> line = new java.util.ArrayList<>(List.of("java", "-Xlog:class+load=info:file=" + classes + ":tid", "-jar",
                NodeProcess.JAR.toString()));
        line.addAll(List.of(command.split(" ")));
        ProcessBuilder builder = new ProcessBuilder(line).directory(work.toFile()).redirectErrorStream(true)
                .redirectOutput(work.resolve("out.txt").toFile());
        builder.environment().put("TRUSTGATE_DB_URL", "jdbc:h2:file:" + work.resolve("data/trustgate"));
        builder.environment().put("WHATSAPP_APP_SECRET", "commands-app-secret");
        Process process = builder.start();
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).as("%s ended", command).isTrue();
        return Files.readAllLines(classes, StandardCharsets.UTF_8);
    }
}
