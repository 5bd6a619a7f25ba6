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
            "system-customer-identity-changed-identity-object.json", "system-customer-identity-changed.json");

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

    // ---------------------------------------------------------------- the samples, re-addressed

    /** The identity-change system message, for another customer, hash, time (epoch seconds) and message id. */
    public static String identityChange(String waId, String hash, long timestamp, String messageId) {
        return text("system-customer-identity-changed.json").replace("16505551234", waId)
                .replace("Qm9vbXNoYWthbGFrYQ==", hash).replace("\"1750263700\"", "\"" + timestamp + "\"")
                .replace("wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQUI1RkM1QzE2Q0M0QjU0NkE1RQA=", messageId);
    }

    /** The delivered status carrying the recipient's identity hash, re-addressed likewise. */
    public static String deliveredStatus(String waId, String hash, long timestamp, String messageId) {
        return text("status-delivered-with-identity-hash.json").replace("16505551234", waId)
                .replace("DF2lS5v2W6x=", hash).replace("\"1750263773\"", "\"" + timestamp + "\"")
                .replace("wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBI3MTE5MjVBOTE3MDk5QUVFM0YA", messageId);
    }

    /** The inbound text carrying the sender's identity hash, re-addressed likewise. */
    public static String inboundText(String waId, String hash, long timestamp, String messageId) {
        return text("inbound-text-with-identity-hash.json").replace("16505551234", waId)
                .replace("DF2lS5v2W6x=", hash).replace("\"1749416383\"", "\"" + timestamp + "\"")
                .replace("wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA=", messageId);
    }
}
