package dev.trustgate.adapters.http;

import io.javalin.http.Context;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * One log line per request with a request id (also sent back as {@code X-Request-Id}); phone numbers in
 * paths are masked to their last four digits, ids are not, and no header, body or key is ever logged.
 */
final class RequestLog {

    private static final Logger LOG = LoggerFactory.getLogger("trustgate.http");
    private static final Pattern PHONE_NUMBER = Pattern.compile("(?:\\+|%2[Bb])?[0-9]{5,}");
    private static final String ID = "requestId";

    private final SecureRandom random = new SecureRandom();
    private final HttpMetrics metrics;

    RequestLog(HttpMetrics metrics) {
        this.metrics = metrics;
    }

    void begin(Context ctx) {
        byte[] bytes = new byte[6];
        random.nextBytes(bytes);
        String id = HexFormat.of().formatHex(bytes);
        MDC.put(ID, id);
        ctx.header("X-Request-Id", id);
    }

    void end(Context ctx, Float millis) {
        String route = ctx.endpoint() == null ? "unmatched" : ctx.endpoint().path;
        metrics.request(ctx.method().name(), route, ctx.statusCode(), millis == null ? 0 : millis);
        LOG.info("{} {} {} {}ms", ctx.method(), mask(ctx.path()), ctx.statusCode(), Math.round(millis == null ? 0 : millis));
        MDC.remove(ID);
    }

    /**
     * The path with every segment that is a number (a customer's phone number, a business's phone_number_id,
     * perhaps after a {@code +}) shown as its last four digits. Ids keep their digits: {@code reauth_…},
     * {@code held_…} and {@code key_…} are no one's phone number, and an operator needs them whole.
     */
    static String mask(String path) {
        String[] segments = path.split("/", -1);
        for (int i = 0; i < segments.length; i++) {
            if (PHONE_NUMBER.matcher(segments[i]).matches()) {
                String number = segments[i];
                segments[i] = "*".repeat(number.length() - 4) + number.substring(number.length() - 4);
            }
        }
        return String.join("/", segments);
    }
}
