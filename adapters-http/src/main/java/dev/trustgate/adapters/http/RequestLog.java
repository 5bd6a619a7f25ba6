package dev.trustgate.adapters.http;

import io.javalin.http.Context;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * One log line per request with a request id (also sent back as {@code X-Request-Id}); phone numbers
 * in paths are masked to their last four digits, and no header, body or key is ever logged.
 */
final class RequestLog {

    private static final Logger LOG = LoggerFactory.getLogger("trustgate.http");
    private static final Pattern NUMBER = Pattern.compile("[0-9]{5,}");
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

    /** Every run of five or more digits shown as its last four. */
    static String mask(String text) {
        Matcher matcher = NUMBER.matcher(text);
        StringBuilder masked = new StringBuilder();
        while (matcher.find()) {
            String digits = matcher.group();
            matcher.appendReplacement(masked, "*".repeat(digits.length() - 4) + digits.substring(digits.length() - 4));
        }
        matcher.appendTail(masked);
        return masked.toString();
    }
}
