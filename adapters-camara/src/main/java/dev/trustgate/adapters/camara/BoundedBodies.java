package dev.trustgate.adapters.camara;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/**
 * Answers of the operator read up to a size no CAMARA answer (a token, a subscription, a check, an error) comes near:
 * a larger one is refused unread, so a misbehaving endpoint cannot fill trustgate's memory.
 */
final class BoundedBodies {

    /** The most an answer may be. */
    static final int MAX_BYTES = 1 << 20;

    private BoundedBodies() {
    }

    /** The answer's stream: read it with {@link #text}. */
    static HttpResponse.BodyHandler<InputStream> handler() {
        return HttpResponse.BodyHandlers.ofInputStream();
    }

    /** The answer as text, or a {@link CamaraException} when it is larger than {@link #MAX_BYTES}. */
    static String text(HttpResponse<InputStream> response, String what) throws IOException {
        try (InputStream body = response.body()) {
            byte[] bytes = body.readNBytes(MAX_BYTES + 1);
            if (bytes.length > MAX_BYTES) {
                throw new CamaraException(what + " answered larger than " + MAX_BYTES + " bytes");
            }
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }
}
