package dev.trustgate.bootstrap;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one screen a person sees at start: where trustgate listens, where data lives, what is real. With JSON logs it
 * is logged instead, one event per item, so every line of the output is JSON.
 */
final class Banner {

    private static final Logger LOG = LoggerFactory.getLogger("trustgate");

    private Banner() {
    }

    static void print(PrintStream out, Config config, TrustgateServer server) {
        if (config.logFormat() == Config.LogFormat.TEXT) {
            write(out, config, server);
            return;
        }
        java.io.ByteArrayOutputStream text = new java.io.ByteArrayOutputStream();
        write(new PrintStream(text, true, java.nio.charset.StandardCharsets.UTF_8), config, server);
        List<String> items = new ArrayList<>();
        for (String line : text.toString(java.nio.charset.StandardCharsets.UTF_8).split("\\R")) {
            if (line.startsWith("    ") && !items.isEmpty()) {
                items.set(items.size() - 1, items.get(items.size() - 1) + " " + line.strip()); // a continuation
            } else if (!line.isBlank()) {
                items.add(line.strip());
            }
        }
        items.forEach(LOG::info);
    }

    private static void write(PrintStream out, Config config, TrustgateServer server) {
        String host = config.host().equals("0.0.0.0") ? "localhost" : config.host();
        out.println();
        out.println("  trustgate is running on http://" + host + ":" + server.port());
        out.println("  data:      " + config.database().maskedUrl().replaceAll(";.*", "")
                + (config.embeddedDatabase() ? "  (embedded H2 file; set TRUSTGATE_DB_URL for PostgreSQL)" : ""));
        switch (config.provider()) {
            case DRY_RUN -> out.println("  WhatsApp:  DRY-RUN - nothing is sent to WhatsApp (set WHATSAPP_ACCESS_TOKEN to go live, "
                    + "or TRUSTGATE_WHATSAPP_PROVIDER: docs/providers.md)");
            case CLOUD_API -> out.println("  WhatsApp:  live, " + config.graphUrl() + " " + config.graphVersion());
            case DIALOG_360 -> {
                Config.Dialog360 d360 = config.dialog360().orElseThrow();
                out.println("  WhatsApp:  live through 360dialog, " + d360.baseUrl() + " (" + d360.apiKeys().size()
                        + " business number" + (d360.apiKeys().size() == 1 ? "" : "s") + ")");
                out.println("  webhooks:  360dialog posts each number's to /webhooks/360dialog/<its D360_WEBHOOK_SECRETS secret>");
            }
            case INFOBIP -> {
                Config.Infobip infobip = config.infobip().orElseThrow();
                out.println("  WhatsApp:  live through Infobip, " + infobip.baseUrl() + "; identity change add-on "
                        + (infobip.identityChangeEnabled() ? "enabled" : "not declared (INFOBIP_IDENTITY_CHANGE): opting in is refused"));
                out.println("  webhooks:  Infobip posts inbound messages to /webhooks/infobip/<INFOBIP_WEBHOOK_SECRET>");
            }
        }
        if (config.developmentSecrets()) {
            out.println("  webhooks:  development app secret and verify token in use (set WHATSAPP_APP_SECRET and "
                    + "WHATSAPP_VERIFY_TOKEN)");
        }
        int own = config.relayUrls().size();
        String ownRelays = own == 0 ? "" : own + " business number" + (own == 1 ? "" : "s") + " to their own URL (TRUSTGATE_RELAY_URLS)";
        if (config.relayUrl().isPresent()) {
            out.println("  relay:     webhooks to TRUSTGATE_RELAY_URL" + (own == 0 ? "" : ", " + ownRelays));
        } else if (own > 0) {
            out.println("  relay:     " + ownRelays + "; no TRUSTGATE_RELAY_URL: other numbers' webhooks and those about the "
                    + "account (template status, account updates) are not relayed");
        }
        out.println("  console:   http://" + host + ":" + server.port() + "/console/  (sign in with an API key)");
        out.println("  next:      README.md, \"A walk-through of the whole lifecycle\"; going live: docs/going-live.md");
        out.println();
        switch (server.adminKey().source()) {
            case GENERATED -> {
                out.println("  admin API key (shown this once, stored only as a hash; keep it):");
                out.println("    " + server.adminKey().shownOnce().orElseThrow());
            }
            case STORED -> {
                out.println("  admin API key: the one printed at the first start (stored only as a hash, never shown again).");
                out.println("    Lost it? Start with TRUSTGATE_ADMIN_KEY=<a new key, 24+ characters>: it replaces the stored one.");
            }
            case CONFIGURED -> out.println("  admin API key: TRUSTGATE_ADMIN_KEY (it replaces any key stored before)");
        }
        out.println();
        out.flush();
    }
}
