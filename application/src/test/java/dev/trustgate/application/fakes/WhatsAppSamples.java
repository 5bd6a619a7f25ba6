package dev.trustgate.application.fakes;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The published WhatsApp payload samples (copies of {@code ../shared/whatsapp/}, kept identical by
 * {@code WhatsAppSamplesTest}), for the tests of every module.
 */
public final class WhatsAppSamples {

    public static final List<String> NAMES = List.of("graph-error.json", "inbound-text-with-identity-hash.json",
            "onprem-system-user-identity-changed.json", "send-request-pinned.json", "send-response.json",
            "status-delivered-with-identity-hash.json", "status-failed-identity-mismatch.json",
            "system-customer-identity-changed.json");

    private WhatsAppSamples() {
    }

    public static String text(String name) {
        try (InputStream in = WhatsAppSamples.class.getResourceAsStream("/whatsapp-samples/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no WhatsApp sample " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] bytes(String name) {
        return text(name).getBytes(StandardCharsets.UTF_8);
    }
}
