package dev.trustgate.bootstrap;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * What the JVM does while it records the start-up archive ({@link StartArchive}): what a first start does to a new
 * database (migrate), the real start of a server on it, the first requests of every main kind over HTTP, and the
 * commands people run beside it. Everything it touches lives in {@code --data}, with a configuration of its
 * own (dry-run, a free port on 127.0.0.1), never the caller's environment. Not a command for people: hidden.
 */
@Command(name = "start-archive-training", hidden = true,
        description = "Start and exercise a throw-away server, so that the JVM can record the classes a start needs.")
final class StartArchiveTraining implements Callable<Integer> {

    static final String BUSINESS = "106540352242922";
    private static final String CUSTOMER = "16505551234";
    private static final Pattern KEY = Pattern.compile("\"key\"\\s*:\\s*\"([^\"]+)\"");

    @Option(names = "--data", required = true, description = "the folder for the throw-away database")
    Path data;

    private PrintStream quiet;

    @Override
    public Integer call() throws IOException {
        quiet = new PrintStream(OutputStream.nullOutputStream());
        SecureRandom random = new SecureRandom();
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("TRUSTGATE_DB_URL", "jdbc:h2:file:" + data.toAbsolutePath().resolve("trustgate"));
        environment.put("TRUSTGATE_HOST", "127.0.0.1");
        environment.put("TRUSTGATE_PORT", "0");
        environment.put("WHATSAPP_APP_SECRET", HexFormat.of().formatHex(random.generateSeed(16)));
        environment.put("TRUSTGATE_ADMIN_KEY", "tg_" + HexFormat.of().formatHex(random.generateSeed(16)));
        System.setProperty("http.keepAlive", "false"); // no idle connection of ours holds up the server's stop
        expect(0, Main.run(new String[] {"migrate"}, environment, quiet, quiet), "migrate"); // a new database's start
        Config config = Config.load(environment, Optional.empty());
        LogOutput.use(config.logFormat());
        try (TrustgateServer server = TrustgateServer.start(config)) { // a restart: the usual start
            Banner.print(quiet, config, server);
            exercise("http://127.0.0.1:" + server.port(), environment);
        }
        expect(0, Main.run(new String[] {"api-key", "list"}, environment, quiet, quiet), "api-key list");
        expect(0, Main.run(new String[] {"audit", "verify", "--phone-number-id", BUSINESS}, environment, quiet, quiet), "audit verify");
        expect(0, Main.run(new String[] {"--help"}, environment, quiet, quiet), "--help");
        return 0;
    }

    /** The first request of each main kind: health, admin, a signed webhook, a gated send, reads, metrics, console. */
    private void exercise(String base, Map<String, String> environment) throws IOException {
        String admin = "Bearer " + environment.get("TRUSTGATE_ADMIN_KEY");
        call(base, "GET", "/health/live", null, null, 200);
        call(base, "GET", "/health/ready", null, null, 200);
        call(base, "PUT", "/v1/businesses/" + BUSINESS + "/identity-checks", admin, "{\"enabled\":true}", 200);
        Matcher created = KEY.matcher(call(base, "POST", "/v1/api-keys", admin,
                "{\"name\":\"training\",\"phoneNumberIds\":[\"" + BUSINESS + "\"]}", 201));
        if (!created.find()) {
            throw new IllegalStateException("no key in the answer to POST /v1/api-keys");
        }
        String key = "Bearer " + created.group(1);
        String[] simulate = {"simulate", "message", "--to", CUSTOMER, "--hash", "c2ltdWxhdGVk", "--url", base};
        expect(0, Main.run(simulate, environment, quiet, quiet), "simulate message");
        String send = "{\"from\":\"" + BUSINESS + "\",\"to\":\"" + CUSTOMER + "\",\"sensitive\":false,"
                + "\"message\":{\"type\":\"text\",\"text\":{\"body\":\"Your statement is ready\"}}}";
        call(base, "POST", "/v1/messages", key, send, 200);
        call(base, "POST", "/v1/messages", key, "{\"from\":\"" + BUSINESS + "\"}", 400);
        call(base, "GET", "/v1/businesses/" + BUSINESS + "/contacts/" + CUSTOMER, key, null, 200);
        call(base, "GET", "/v1/businesses/" + BUSINESS + "/events?after=0&limit=100", key, null, 200);
        call(base, "GET", "/v1/businesses/" + BUSINESS + "/audit/verify", admin, null, 200);
        call(base, "GET", "/metrics", null, null, 200);
        call(base, "GET", "/console/", null, null, 200);
    }

    /** One request; its answer, or a failure naming the request when the status is not {@code expected}. */
    private static String call(String base, String method, String path, String authorization, String body, int expected)
            throws IOException {
        Map<String, String> headers = new java.util.HashMap<>();
        if (authorization != null) {
            headers.put("Authorization", authorization);
        }
        if (body != null) {
            headers.put("Content-Type", "application/json");
        }
        PlainHttp.Answer answered = PlainHttp.exchange(method, base + path, headers,
                body == null ? null : body.getBytes(StandardCharsets.UTF_8));
        int status = answered.status();
        String answer = answered.body();
        if (status != expected) {
            throw new IllegalStateException(method + " " + path + " answered " + status + " (expected " + expected + "): " + answer);
        }
        return answer;
    }

    private static void expect(int expected, int code, String command) {
        if (code != expected) {
            throw new IllegalStateException(command + " exited with " + code + " (expected " + expected + ")");
        }
    }
}
