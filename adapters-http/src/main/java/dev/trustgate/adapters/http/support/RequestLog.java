package dev.trustgate.adapters.http.support;

import io.javalin.http.Context;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * One log line per request with a request id (also sent back as {@code X-Request-Id}); phone numbers in
 * paths are masked to their last four digits, ids are not, and no header, body, key or webhook path secret is ever
 * logged.
 */
public final class RequestLog {

    private static final Logger LOG = LoggerFactory.getLogger("trustgate.http");
    private static final Pattern PHONE_NUMBER = Pattern.compile("(?:\\+|%2[Bb])?[0-9]{5,}");
    /** A business-scoped user id or parent user id: {@code US.1349…}, {@code US.ENT.1181…}. */
    private static final Pattern USER_ID = Pattern.compile("([A-Z]{2}\\.(?:ENT\\.)?)([A-Za-z0-9]{5,})");
    private static final String ID = "requestId";

    private final SecureRandom random = new SecureRandom();
    private final HttpMetrics metrics;

    public RequestLog(HttpMetrics metrics) {
        this.metrics = metrics;
    }

    public void begin(Context ctx) {
        byte[] bytes = new byte[6];
        random.nextBytes(bytes);
        String id = HexFormat.of().formatHex(bytes);
        MDC.put(ID, id);
        ctx.header("X-Request-Id", id);
    }

    public void end(Context ctx, Float millis) {
        String route = ctx.endpoint() == null ? "unmatched" : ctx.endpoint().path;
        metrics.request(ctx.method().name(), route, ctx.statusCode(), millis == null ? 0 : millis);
        LOG.info("{} {} {} {}ms", ctx.method(), mask(ctx.path()), ctx.statusCode(), Math.round(millis == null ? 0 : millis));
        MDC.remove(ID);
    }

    /**
     * The path with every segment that names a person shown as its last four characters: a number (a
     * customer's phone number, a business's phone_number_id, perhaps after a {@code +}), or a user id (its
     * country code kept). trustgate's own ids keep their digits: {@code ct_…}, {@code reauth_…},
     * {@code held_…} and {@code key_…} are no one's name, and an operator needs them whole.
     */
    public static String mask(String path) {
        String[] segments = path.split("/", -1);
        // a provider's webhook path carries its secret: never in a log
        if (segments.length > 3 && segments[1].equals("webhooks") && !segments[2].equals("whatsapp")) {
            segments[3] = "***";
        }
        for (int i = 0; i < segments.length; i++) {
            java.util.regex.Matcher userId = USER_ID.matcher(segments[i]);
            if (PHONE_NUMBER.matcher(segments[i]).matches()) {
                segments[i] = lastFour(segments[i]);
            } else if (userId.matches()) {
                segments[i] = userId.group(1) + lastFour(userId.group(2));
            }
        }
        return String.join("/", segments);
    }

    private static String lastFour(String text) {
        return "*".repeat(text.length() - 4) + text.substring(text.length() - 4);
    }
}
