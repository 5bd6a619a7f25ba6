package dev.trustgate.bootstrap;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * One HTTP exchange with a running trustgate, for commands. {@link HttpURLConnection} rather than java.net.http:
 * for an http:// URL it loads no TLS, so a command that makes one call starts fast.
 */
final class PlainHttp {

    /** A status and the body answered with it (the error body for 4xx and 5xx). */
    record Answer(int status, String body) {
    }

    private PlainHttp() {
    }

    /** {@code method} to {@code url} with {@code headers}, and {@code body} when not null. */
    static Answer exchange(String method, String url, Map<String, String> headers, byte[] body) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) URI.create(url).toURL().openConnection();
        connection.setRequestMethod(method);
        headers.forEach(connection::setRequestProperty);
        if (body != null) {
            connection.setDoOutput(true);
            connection.setFixedLengthStreamingMode(body.length);
            try (OutputStream out = connection.getOutputStream()) {
                out.write(body);
            }
        }
        int status = connection.getResponseCode();
        try (InputStream in = status < 400 ? connection.getInputStream() : connection.getErrorStream()) {
            return new Answer(status, in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } finally {
            connection.disconnect();
        }
    }
}
