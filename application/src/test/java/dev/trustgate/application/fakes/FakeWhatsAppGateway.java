package dev.trustgate.application.fakes;

import dev.trustgate.application.port.out.GraphError;
import dev.trustgate.application.port.out.WhatsAppGateway;
import dev.trustgate.domain.BusinessNumberId;
import dev.trustgate.domain.ContactNames;
import dev.trustgate.domain.CustomerName;
import dev.trustgate.domain.IdentityHash;
import dev.trustgate.domain.Recipient;
import dev.trustgate.domain.WaId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Records every send with its pin and answers as told (accepts by default). By default it is Meta's Cloud API
 * (pins, carries every type, no identity block of its own); {@link #actAs} makes it another provider.
 */
public final class FakeWhatsAppGateway implements WhatsAppGateway {

    /** What the Cloud API offers. */
    public static final Capabilities CLOUD_API = new Capabilities("cloud-api", true, IdentityChecks.API, false, Set.of());

    /** A send as WhatsApp would have received it. */
    public record Forwarded(BusinessNumberId from, Recipient to, String body, Optional<IdentityHash> pin, String messageId) {
    }

    /** An identity confirmation as the provider received it. */
    public record Confirmation(BusinessNumberId business, WaId customer, IdentityHash hash) {
    }

    private volatile Capabilities capabilities = CLOUD_API;
    private final Set<String> refusedTypes = new java.util.concurrent.CopyOnWriteArraySet<>();
    private final List<Confirmation> confirmations = new ArrayList<>();
    private final Deque<ConfirmOutcome> confirmAnswers = new ArrayDeque<>();

    private final List<Forwarded> forwarded = new ArrayList<>();
    private final List<String> readReceipts = new ArrayList<>();
    private final Map<BusinessNumberId, Boolean> identityChecks = new HashMap<>();
    private final AtomicInteger counter = new AtomicInteger();
    private final Map<CustomerName, ContactNames> answers = new HashMap<>();
    private volatile SendOutcome nextOutcome;
    private volatile Runnable duringNextSend = () -> { };
    private volatile SettingOutcome settingOutcome = new SettingOutcome.Applied();
    private ReadOutcome nextReadOutcome;

    @Override
    public Capabilities capabilities() {
        return capabilities;
    }

    /** From now on this gateway offers what {@code provider} offers. */
    public void actAs(Capabilities provider) {
        this.capabilities = provider;
    }

    /** Messages whose top-level {@code "type"} is {@code type} cannot be carried from now on. */
    public void cannotCarry(String type) {
        refusedTypes.add(type);
    }

    @Override
    public Optional<String> unsupportedMessageType(String messageJson) {
        return refusedTypes.stream().filter(type -> messageJson.replace(" ", "").contains("\"type\":\"" + type + "\""))
                .findFirst();
    }

    @Override
    public synchronized ConfirmOutcome confirmIdentity(BusinessNumberId business, WaId customer, IdentityHash hash) {
        if (!capabilities.confirmsIdentities()) {
            throw new IllegalStateException(capabilities.provider() + " confirms no identities");
        }
        confirmations.add(new Confirmation(business, customer, hash));
        return confirmAnswers.isEmpty() ? new ConfirmOutcome.Confirmed() : confirmAnswers.poll();
    }

    /** The next confirmations are answered with {@code outcomes}, in order (then confirmed). */
    public synchronized void answerConfirmationsWith(ConfirmOutcome... outcomes) {
        confirmAnswers.addAll(List.of(outcomes));
    }

    /** Every confirmation asked for, in order (also those that were refused). */
    public synchronized List<Confirmation> confirmations() {
        return List.copyOf(confirmations);
    }

    @Override
    public synchronized SendOutcome send(BusinessNumberId from, Recipient to, String messageJson, Optional<IdentityHash> pin) {
        Runnable during = duringNextSend;
        duringNextSend = () -> { };
        during.run();
        if (nextOutcome != null) {
            SendOutcome outcome = nextOutcome;
            nextOutcome = null;
            return outcome;
        }
        String id = "wamid.fake" + counter.incrementAndGet();
        forwarded.add(new Forwarded(from, to, messageJson, pin, id));
        ContactNames answered = answers.getOrDefault(to.addressed(), ContactNames.of(to.addressed()));
        return new SendOutcome.Sent(id, 200, "{\"messages\":[{\"id\":\"" + id + "\"}]}", answered);
    }

    /** WhatsApp answers a send to {@code addressed} naming the user {@code answered} (by default: as addressed). */
    public synchronized void answerSendsTo(CustomerName addressed, ContactNames answered) {
        answers.put(addressed, answered);
    }

    @Override
    public synchronized ReadOutcome markRead(BusinessNumberId from, String requestJson) {
        ReadOutcome outcome = nextReadOutcome;
        nextReadOutcome = null;
        if (outcome != null) {
            return outcome;
        }
        readReceipts.add(requestJson);
        return new ReadOutcome.Answered(200, "{\"success\":true}");
    }

    /** The next mark-as-read call gets {@code outcome} and is not passed through. */
    public synchronized void answerNextReadWith(ReadOutcome outcome) {
        this.nextReadOutcome = outcome;
    }

    /** The mark-as-read calls passed through, in order. */
    public synchronized List<String> readReceipts() {
        return List.copyOf(readReceipts);
    }

    @Override
    public synchronized SettingOutcome setIdentityChecks(BusinessNumberId business, boolean enabled) {
        if (settingOutcome instanceof SettingOutcome.Applied) {
            identityChecks.put(business, enabled);
        }
        return settingOutcome;
    }

    /** Runs {@code happening} while the next send is on its way to WhatsApp (after its decision committed). */
    public void duringNextSend(Runnable happening) {
        this.duringNextSend = happening;
    }

    public void answerNextSendWith(SendOutcome outcome) {
        this.nextOutcome = outcome;
    }

    public void refuseNextSend(int code, String message) {
        answerNextSendWith(new SendOutcome.Refused(400, new GraphError(code, "OAuthException", message, message, "trace"),
                "{\"error\":{\"code\":" + code + "}}"));
    }

    public void answerSettingsWith(SettingOutcome outcome) {
        this.settingOutcome = outcome;
    }

    public synchronized List<Forwarded> forwarded() {
        return List.copyOf(forwarded);
    }

    public synchronized Optional<Boolean> identityChecks(BusinessNumberId business) {
        return Optional.ofNullable(identityChecks.get(business));
    }
}
