package dev.trustgate.benchmarks;

import com.standardwebhooks.Webhook;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What signing one business webhook costs: the Standard Webhooks library the notification adapter signs with,
 * beside the same HMAC written directly against the JDK, over a notification-sized body.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class WebhookSigningBenchmark {

    private final byte[] secret = new byte[32];
    private final String body = "{\"type\":\"trust.broken\",\"timestamp\":\"2026-06-01T12:00:00Z\",\"data\":{\"sequence\":42,"
            + "\"phoneNumberId\":\"106540352242922\",\"contactId\":\"ct_0123456789\",\"waId\":\"16505551234\",\"userId\":null,"
            + "\"parentUserId\":null,\"at\":\"2026-06-01T12:00:00Z\",\"actor\":\"whatsapp\",\"data\":{\"identityHash\":"
            + "\"DF2lS5v2W6x=\",\"previousIdentityHash\":\"Qm9hcmQ=\"}}}";

    public WebhookSigningBenchmark() {
        new Random(1).nextBytes(secret);
    }

    @Benchmark
    public String library() throws Exception {
        return new Webhook(secret).sign("dlv_1", 1_780_315_200L, body);
    }

    @Benchmark
    public String jdkHmac() throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret, "HmacSHA256"));
        return "v1," + Base64.getEncoder().encodeToString(mac.doFinal(("dlv_1.1780315200." + body)
                .getBytes(StandardCharsets.UTF_8)));
    }
}
