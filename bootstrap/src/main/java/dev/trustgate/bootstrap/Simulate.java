package dev.trustgate.bootstrap;

import dev.trustgate.adapters.http.WebhookSignature;
import dev.trustgate.domain.BusinessNumberId;
import dev.trustgate.domain.IdentityHash;
import dev.trustgate.domain.WaId;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code trustgate simulate <kind> --to <wa_id> [--hash …]}: posts a correctly signed WhatsApp webhook
 * (in the published shapes) to a running trustgate, so the lifecycle can be walked without WhatsApp.
 */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = "Post a signed WhatsApp webhook to a running trustgate. Kinds: message (inbound message with the "
                + "customer's identity hash), identity-change (system message; without --hash the new identity is unknown), "
                + "status (delivered, with the hash), identity-mismatch (failed status, error 137000; needs --message-id).")
final class Simulate implements Callable<Integer> {

    enum Kind { message, identity_change, status, identity_mismatch }

    @CommandLine.ParentCommand
    Main main;

    @Parameters(paramLabel = "KIND", description = "message | identity-change | status | identity-mismatch")
    String kind;

    @Option(names = "--to", required = true, description = "the customer's wa_id")
    String to;

    @Option(names = "--hash", description = "the identity key hash WhatsApp reports")
    String hash;

    @Option(names = "--phone-number-id", defaultValue = "106540352242922", description = "the business number (default ${DEFAULT-VALUE})")
    String phoneNumberId;

    @Option(names = "--message-id", description = "the WhatsApp message id a status is about")
    String messageId;

    @Option(names = "--url", defaultValue = "http://localhost:8080", description = "trustgate's base URL (default ${DEFAULT-VALUE})")
    String url;

    @Override
    public Integer call() throws Exception {
        Kind parsed;
        try {
            parsed = Kind.valueOf(kind.replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(new CommandLine(this), "unknown kind " + kind
                    + " (message, identity-change, status, identity-mismatch)");
        }
        String waId = new WaId(to).value();
        String business = new BusinessNumberId(phoneNumberId).value();
        Optional<String> identity = Optional.ofNullable(hash).map(h -> new IdentityHash(h).value());
        if ((parsed == Kind.message || parsed == Kind.status) && identity.isEmpty()) {
            throw new CommandLine.ParameterException(new CommandLine(this), kind + " needs --hash");
        }
        if (parsed == Kind.identity_mismatch && messageId == null) {
            throw new CommandLine.ParameterException(new CommandLine(this), "identity-mismatch needs --message-id");
        }
        String body = envelope(business, body(parsed, waId, identity));
        Config config = Config.load(main.environment(), Optional.empty());
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                        url.replaceAll("/+$", "") + "/webhooks/whatsapp"))
                .header("Content-Type", "application/json")
                .header("X-Hub-Signature-256", new WebhookSignature(config.appSecret()).sign(bytes))
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build(), HttpResponse.BodyHandlers.ofString());
        main.out().println("HTTP " + response.statusCode() + " " + response.body());
        return response.statusCode() == 200 ? 0 : 1;
    }

    private String body(Kind kind, String waId, Optional<String> identity) {
        String now = Long.toString(Instant.now().getEpochSecond());
        String id = "wamid.simulated." + UUID.randomUUID().toString().replace("-", "");
        return switch (kind) {
            case message -> "\"contacts\":[{\"profile\":{\"name\":\"Simulated\"},\"wa_id\":\"" + waId + "\",\"identity_key_hash\":\""
                    + identity.get() + "\"}],\"messages\":[{\"from\":\"" + waId + "\",\"id\":\"" + id + "\",\"timestamp\":\"" + now
                    + "\",\"type\":\"text\",\"text\":{\"body\":\"Hello\"}}]";
            case identity_change -> "\"messages\":[{\"from\":\"" + waId + "\",\"id\":\"" + id + "\",\"timestamp\":\"" + now
                    + "\",\"type\":\"system\",\"system\":{\"body\":\"User's security code changed\","
                    + identity.map(h -> "\"identity\":\"" + h + "\",").orElse("") + "\"customer\":\"" + waId + "\",\"wa_id\":\""
                    + waId + "\",\"type\":\"customer_identity_changed\"}}]";
            case status -> "\"statuses\":[{\"id\":\"" + (messageId == null ? id : messageId) + "\",\"status\":\"delivered\","
                    + "\"timestamp\":\"" + now + "\",\"recipient_id\":\"" + waId + "\",\"recipient_identity_key_hash\":\""
                    + identity.get() + "\"}]";
            case identity_mismatch -> "\"statuses\":[{\"id\":\"" + messageId + "\",\"status\":\"failed\",\"timestamp\":\"" + now
                    + "\",\"recipient_id\":\"" + waId + "\"," + identity.map(h -> "\"recipient_identity_key_hash\":\"" + h + "\",")
                    .orElse("") + "\"errors\":[{\"code\":137000,\"title\":\"Identity key mismatch\"}]}]";
        };
    }

    private static String envelope(String business, String value) {
        return "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"0\",\"changes\":[{\"field\":\"messages\","
                + "\"value\":{\"messaging_product\":\"whatsapp\",\"metadata\":{\"display_phone_number\":\"0\","
                + "\"phone_number_id\":\"" + business + "\"}," + value + "}}]}]}";
    }
}
