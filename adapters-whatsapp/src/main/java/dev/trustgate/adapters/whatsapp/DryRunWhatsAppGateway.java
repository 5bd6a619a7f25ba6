package dev.trustgate.adapters.whatsapp;

import dev.trustgate.application.port.out.WhatsAppGateway;
import dev.trustgate.domain.BusinessNumberId;
import dev.trustgate.domain.ContactNames;
import dev.trustgate.domain.CustomerName;
import dev.trustgate.domain.IdentityHash;
import dev.trustgate.domain.Recipient;
import dev.trustgate.domain.WaId;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stands in for WhatsApp when no access token is configured (the embedded default): every send and
 * setting succeeds, nothing leaves the machine, and the log says so. The last requests are kept so a
 * person (or a test) can see what would have been sent.
 */
public final class DryRunWhatsAppGateway implements WhatsAppGateway {

    private static final Logger LOG = LoggerFactory.getLogger(DryRunWhatsAppGateway.class);
    private static final int KEPT = 100;

    /** A send that would have gone to WhatsApp. */
    public record WouldBeSend(BusinessNumberId from, Optional<IdentityHash> pin, String messageId) {
    }

    /** Everything in pretence: pinned sends and the setting, nothing to confirm, every message type. */
    private static final Capabilities CAPABILITIES = new Capabilities("dry-run", true, IdentityChecks.API, false, java.util.Set.of());

    private final Deque<WouldBeSend> recent = new ArrayDeque<>();

    @Override
    public Capabilities capabilities() {
        return CAPABILITIES;
    }

    @Override
    public Optional<String> unsupportedMessageType(String messageJson) {
        return Optional.empty();
    }

    @Override
    public ConfirmOutcome confirmIdentity(BusinessNumberId business, dev.trustgate.domain.WaId customer, IdentityHash hash) {
        throw new UnsupportedOperationException("dry-run keeps no identity block to confirm");
    }

    @Override
    public synchronized SendOutcome send(BusinessNumberId from, Recipient to, String messageJson, Optional<IdentityHash> pin) {
        String id = "wamid.dryrun." + UUID.randomUUID();
        LOG.info("DRY-RUN: message from {} NOT sent to WhatsApp (would be pinned to {}); id {}", from,
                pin.map(IdentityHash::shortForm).orElse("no identity"), id);
        recent.addLast(new WouldBeSend(from, pin, id));
        if (recent.size() > KEPT) {
            recent.removeFirst();
        }
        // as WhatsApp answers: the input, and the addressee under the name it was sent to
        CustomerName addressed = to.addressed();
        String contact = "{\"input\":\"" + addressed.value() + "\",\"" + (addressed instanceof WaId ? "wa_id" : "user_id")
                + "\":\"" + addressed.value() + "\"}";
        return new SendOutcome.Sent(id, 200, "{\"messaging_product\":\"whatsapp\",\"contacts\":[" + contact
                + "],\"messages\":[{\"id\":\"" + id + "\"}]}", ContactNames.of(addressed));
    }

    @Override
    public ReadOutcome markRead(BusinessNumberId from, String requestJson) {
        LOG.info("DRY-RUN: read receipt from {} NOT sent to WhatsApp", from);
        return new ReadOutcome.Answered(200, "{\"success\":true}");
    }

    @Override
    public SettingOutcome setIdentityChecks(BusinessNumberId business, boolean enabled) {
        LOG.info("DRY-RUN: identity key check for {} NOT changed at WhatsApp (would be {})", business, enabled ? "on" : "off");
        return new SettingOutcome.Applied();
    }

    public synchronized List<WouldBeSend> recentSends() {
        return List.copyOf(recent);
    }
}
