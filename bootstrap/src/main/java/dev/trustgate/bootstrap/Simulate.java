package dev.trustgate.bootstrap;

import dev.trustgate.adapters.http.support.WebhookSignature;
import dev.trustgate.domain.BusinessNumberId;
import dev.trustgate.domain.ContactNames;
import dev.trustgate.domain.CustomerName;
import dev.trustgate.domain.IdentityHash;
import dev.trustgate.domain.UserId;
import dev.trustgate.domain.WaId;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code trustgate simulate <kind> --to <customer> [--hash …]}: posts a correctly signed WhatsApp webhook
 * (in the published shapes) to a running trustgate, so the lifecycle can be walked without WhatsApp. The
 * customer may be a phone number (wa_id) or, for a customer with a username whose number WhatsApp withholds,
 * a business-scoped user id ({@code US.1349…}). {@code sim-swap} plays the mobile operator instead: a CAMARA
 * {@code swapped} notice of a subscription, with the configured sink credential.
 */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = "Post a signed WhatsApp webhook to a running trustgate. Kinds: message (inbound message with the "
                + "customer's identity hash), identity-change (system message; without --hash the new identity is unknown), "
                + "status (delivered, with the hash), identity-mismatch (failed status, error 137000; needs --message-id), "
                + "number-change (the customer moved to --new-number), user-id-change (the customer's user id is now "
                + "--new-user-id), sim-swap (the mobile operator's SIM-swap notice for --to, of the SIM-swap subscription "
                + "--subscription-id, sent with CAMARA_SINK_CREDENTIAL).")
final class Simulate implements Callable<Integer> {

    enum Kind { message, identity_change, status, identity_mismatch, number_change, user_id_change, sim_swap }

    @CommandLine.ParentCommand
    Main main;

    @Parameters(paramLabel = "KIND", description = "message | identity-change | status | identity-mismatch | number-change | "
            + "user-id-change | sim-swap")
    String kind;

    @Option(names = "--to", required = true, description = "the customer: a wa_id (16505551234) or a user id (US.1349…)")
    String to;

    @Option(names = "--user-id", description = "the customer's user id as well, when --to is a wa_id")
    String userId;

    @Option(names = "--hash", description = "the identity key hash WhatsApp reports")
    String hash;

    @Option(names = "--new-number", description = "number-change: the number the customer moved to")
    String newNumber;

    @Option(names = "--new-user-id", description = "number-change, user-id-change: the customer's new user id")
    String newUserId;

    @Option(names = "--phone-number-id", defaultValue = "106540352242922", description = "the business number (default ${DEFAULT-VALUE})")
    String phoneNumberId;

    @Option(names = "--message-id", description = "the WhatsApp message id a status is about")
    String messageId;

    @Option(names = "--subscription-id", description = "sim-swap: the SIM-swap subscription the notice is of (GET "
            + "/v1/businesses/{pnid}/sim-swap-subscriptions lists them)")
    String subscriptionId;

    @Option(names = "--url", defaultValue = "http://localhost:8080", description = "trustgate's base URL (default ${DEFAULT-VALUE})")
    String url;

    @Override
    public Integer call() throws Exception {
        Kind parsed;
        try {
            parsed = Kind.valueOf(kind.replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw usage("unknown kind " + kind + " (message, identity-change, status, identity-mismatch, number-change, "
                    + "user-id-change, sim-swap)");
        }
        if (parsed == Kind.sim_swap) {
            return simSwap();
        }
        ContactNames customer = customer();
        String business = new BusinessNumberId(phoneNumberId).value();
        Optional<String> identity = Optional.ofNullable(hash).map(h -> new IdentityHash(h).value());
        if ((parsed == Kind.message || parsed == Kind.status) && identity.isEmpty()) {
            throw usage(kind + " needs --hash");
        }
        if (parsed == Kind.identity_mismatch && messageId == null) {
            throw usage("identity-mismatch needs --message-id");
        }
        if (parsed == Kind.number_change && newNumber == null) {
            throw usage("number-change needs --new-number");
        }
        if (parsed == Kind.user_id_change && newUserId == null) {
            throw usage("user-id-change needs --new-user-id");
        }
        String body = envelope(business, body(parsed, customer, identity));
        Config config = Config.load(main.environment(), Optional.empty());
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return post("/webhooks/whatsapp", bytes, Map.of("Content-Type", "application/json",
                "X-Hub-Signature-256", new WebhookSignature(config.appSecret()).sign(bytes))) == 200 ? 0 : 1;
    }

    /** Posts {@code bytes} to the running trustgate's {@code path} and prints its answer; the answer's status. */
    private int post(String path, byte[] bytes, Map<String, String> headers) throws IOException {
        PlainHttp.Answer answered = PlainHttp.exchange("POST", url.replaceAll("/+$", "") + path, headers, bytes);
        int status = answered.status();
        String answer = answered.body();
        main.out().println("HTTP " + status + " " + answer);
        return status;
    }

    /** A CAMARA {@code swapped} CloudEvent (the specification's SWAPPED example shape) to the SIM-swap intake. */
    private int simSwap() throws Exception {
        if (subscriptionId == null) {
            throw usage("sim-swap needs --subscription-id");
        }
        WaId number;
        try {
            number = WaId.canonical(to, "--to");
        } catch (IllegalArgumentException e) {
            throw usage("sim-swap: --to must be the customer's phone number, such as 16505551234");
        }
        Config config = Config.load(main.environment(), Optional.empty());
        if (config.simSwapSinkCredentials().isEmpty()) {
            throw usage("sim-swap needs CAMARA_SINK_CREDENTIAL, the credential the running trustgate takes notices with");
        }
        String event = "{\"id\":\"simulated-" + UUID.randomUUID() + "\",\"source\":\"trustgate.simulate\","
                + "\"type\":\"org.camaraproject.sim-swap-subscriptions.v0.swapped\",\"specversion\":\"1.0\","
                + "\"datacontenttype\":\"application/json\",\"data\":{\"phoneNumber\":\"+" + number.value() + "\","
                + "\"subscriptionId\":" + new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(subscriptionId)
                + "},\"time\":\"" + Instant.now() + "\"}";
        return post("/signals/camara/sim-swap", event.getBytes(StandardCharsets.UTF_8), Map.of(
                "Content-Type", "application/cloudevents+json",
                "Authorization", "Bearer " + config.simSwapSinkCredentials().get(0))) == 204 ? 0 : 1;
    }

    private ContactNames customer() {
        try {
            ContactNames names = ContactNames.of(CustomerName.parse(to));
            return userId == null ? names : names.with(new UserId(userId));
        } catch (IllegalArgumentException e) {
            throw usage("--to must be a wa_id (digits) or a user id such as US.13491208655302741918; --user-id a user id");
        }
    }

    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(new CommandLine(this), message);
    }

    private String body(Kind kind, ContactNames customer, Optional<String> identity) {
        String now = Long.toString(Instant.now().getEpochSecond());
        String id = "wamid.simulated." + UUID.randomUUID().toString().replace("-", "");
        String sender = names(customer, "from", "from_user_id");
        return switch (kind) {
            case message -> "\"contacts\":[{\"profile\":{\"name\":\"Simulated\"}," + names(customer, "wa_id", "user_id")
                    + ",\"identity_key_hash\":\"" + identity.get() + "\"}],\"messages\":[{" + sender + ",\"id\":\"" + id
                    + "\",\"timestamp\":\"" + now + "\",\"type\":\"text\",\"text\":{\"body\":\"Hello\"}}]";
            case identity_change -> "\"messages\":[{" + sender + ",\"id\":\"" + id + "\",\"timestamp\":\"" + now
                    + "\",\"type\":\"system\",\"system\":{\"body\":\"User's security code changed\","
                    + identity.map(h -> "\"identity\":\"" + h + "\",").orElse("")
                    + customer.waId().map(w -> "\"customer\":\"" + w.value() + "\",\"wa_id\":\"" + w.value() + "\",").orElse("")
                    + "\"type\":\"customer_identity_changed\"}}]";
            case status -> "\"statuses\":[{\"id\":\"" + (messageId == null ? id : messageId) + "\",\"status\":\"delivered\","
                    + "\"timestamp\":\"" + now + "\"," + names(customer, "recipient_id", "recipient_user_id")
                    + ",\"recipient_identity_key_hash\":\"" + identity.get() + "\"}]";
            case identity_mismatch -> "\"statuses\":[{\"id\":\"" + messageId + "\",\"status\":\"failed\",\"timestamp\":\"" + now
                    + "\"," + names(customer, "recipient_id", "recipient_user_id") + ","
                    + identity.map(h -> "\"recipient_identity_key_hash\":\"" + h + "\",").orElse("")
                    + "\"errors\":[{\"code\":137000,\"title\":\"Identity key mismatch\"}]}]";
            case number_change -> "\"messages\":[{" + sender + ",\"id\":\"" + id + "\",\"timestamp\":\"" + now
                    + "\",\"type\":\"system\",\"system\":{\"body\":\"User Simulated changed number\",\"wa_id\":\""
                    + new WaId(newNumber).value() + "\","
                    + Optional.ofNullable(newUserId).map(u -> "\"user_id\":\"" + new UserId(u).value() + "\",").orElse("")
                    + customer.userId().map(u -> "\"previous_user_id\":\"" + u.value() + "\",").orElse("")
                    + "\"type\":\"user_changed_number\"}}]";
            case user_id_change -> "\"messages\":[{\"id\":\"" + id + "\",\"timestamp\":\"" + now
                    + "\",\"type\":\"system\",\"system\":{\"body\":\"User Simulated changed user id\",\"user_id\":\""
                    + new UserId(newUserId).value() + "\","
                    + customer.userId().map(u -> "\"previous_user_id\":\"" + u.value() + "\",").orElse("")
                    + "\"type\":\"user_changed_user_id\"}}]";
            case sim_swap -> throw new IllegalStateException("a SIM-swap notice is no WhatsApp webhook");
        };
    }

    /** The customer's names as the fields of one item: {@code "wa_id":"…","user_id":"…"} (absent ones left out). */
    private static String names(ContactNames customer, String numberField, String userIdField) {
        StringBuilder fields = new StringBuilder();
        customer.waId().ifPresent(w -> fields.append("\"").append(numberField).append("\":\"").append(w.value()).append("\""));
        customer.userId().ifPresent(u -> fields.append(fields.length() > 0 ? "," : "").append("\"").append(userIdField)
                .append("\":\"").append(u.value()).append("\""));
        return fields.toString();
    }

    private static String envelope(String business, String value) {
        return "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"0\",\"changes\":[{\"field\":\"messages\","
                + "\"value\":{\"messaging_product\":\"whatsapp\",\"metadata\":{\"display_phone_number\":\"0\","
                + "\"phone_number_id\":\"" + business + "\"}," + value + "}}]}]}";
    }
}
