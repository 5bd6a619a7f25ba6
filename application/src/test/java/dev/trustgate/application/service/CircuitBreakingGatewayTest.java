package dev.trustgate.application.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trustgate.application.port.out.GraphError;
import dev.trustgate.application.port.out.WhatsAppGateway;
import dev.trustgate.application.port.out.WhatsAppGateway.SendOutcome;
import dev.trustgate.domain.BusinessNumberId;
import dev.trustgate.domain.ContactNames;
import dev.trustgate.domain.IdentityHash;
import dev.trustgate.domain.Recipient;
import dev.trustgate.domain.WaId;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class CircuitBreakingGatewayTest {

    private static final Recipient TO = Recipient.of(new WaId("16505551234"));

    private static final BusinessNumberId FROM = new BusinessNumberId("106540352242922");
    private static final SendOutcome SENT = new SendOutcome.Sent("wamid.1", 200, "{}", ContactNames.NONE);
    private static final SendOutcome DOWN = new SendOutcome.Unavailable("connection refused", false, false);
    private static final SendOutcome OVERLOADED = new SendOutcome.Refused(429, new GraphError(130429, "OAuthException", "Rate limit hit", "", ""), "{}");
    private static final SendOutcome BAD_REQUEST = new SendOutcome.Refused(400, new GraphError(100, "OAuthException", "Invalid parameter", "", ""), "{}");

    /** A Cloud API that answers from a script and counts what reached it. */
    static final class Scripted implements WhatsAppGateway {
        @Override
        public Capabilities capabilities() {
            return dev.trustgate.application.fakes.FakeWhatsAppGateway.CLOUD_API;
        }

        @Override
        public Optional<String> unsupportedMessageType(String messageJson) {
            return Optional.empty();
        }

        @Override
        public ConfirmOutcome confirmIdentity(BusinessNumberId business, WaId customer, IdentityHash hash) {
            throw new UnsupportedOperationException();
        }

        @Override
        public ReadOutcome markRead(BusinessNumberId from, String requestJson) {
            return new ReadOutcome.Answered(200, "{}");
        }

        final Deque<SendOutcome> answers = new ArrayDeque<>();
        int reached;

        @Override
        public SendOutcome send(BusinessNumberId from, Recipient to, String messageJson, Optional<IdentityHash> pin) {
            reached++;
            return answers.isEmpty() ? SENT : answers.poll();
        }

        @Override
        public SettingOutcome setIdentityChecks(BusinessNumberId business, boolean enabled) {
            return new SettingOutcome.Applied();
        }
    }

    private final Scripted whatsApp = new Scripted();
    private final AtomicLong now = new AtomicLong();
    private final java.util.List<CircuitBreakingGateway.State> changes = new java.util.ArrayList<>();
    private final CircuitBreakingGateway gateway = new CircuitBreakingGateway(whatsApp,
            new CircuitBreakingGateway.Settings(3, Duration.ofSeconds(10)), now::get, changes::add);

    private SendOutcome send() {
        return gateway.send(FROM, TO, "{}", Optional.empty());
    }

    @Test
    void opensAfterThreeFailuresInARowAndThenSendsNothing() {
        whatsApp.answers.addAll(java.util.List.of(DOWN, OVERLOADED, DOWN));
        send();
        send();
        send();
        assertThat(gateway.state()).isEqualTo(CircuitBreakingGateway.State.OPEN);

        SendOutcome refused = send();
        assertThat(refused).isInstanceOfSatisfying(SendOutcome.Unavailable.class, u -> {
            assertThat(u.mayHaveBeenSent()).isFalse();
            assertThat(u.reason()).contains("circuit open");
        });
        assertThat(whatsApp.reached).as("nothing reached WhatsApp while open").isEqualTo(3);
    }

    @Test
    void aProperAnswerInBetweenResetsTheCount() {
        whatsApp.answers.addAll(java.util.List.of(DOWN, DOWN, BAD_REQUEST, DOWN, DOWN));
        for (int i = 0; i < 5; i++) {
            send();
        }
        assertThat(gateway.state()).as("a 400 is WhatsApp answering").isEqualTo(CircuitBreakingGateway.State.CLOSED);
    }

    @Test
    void afterTheOpenTimeOneTrialDecidesWhetherItClosesOrOpensAgain() {
        whatsApp.answers.addAll(java.util.List.of(DOWN, DOWN, DOWN, DOWN));
        send();
        send();
        send();
        now.addAndGet(Duration.ofSeconds(10).toNanos());
        assertThat(gateway.state()).isEqualTo(CircuitBreakingGateway.State.HALF_OPEN);
        assertThat(send()).as("the trial fails").isEqualTo(DOWN);
        assertThat(gateway.state()).isEqualTo(CircuitBreakingGateway.State.OPEN);
        assertThat(whatsApp.reached).isEqualTo(4);

        now.addAndGet(Duration.ofSeconds(10).toNanos());
        assertThat(send()).as("the trial succeeds").isEqualTo(SENT);
        assertThat(gateway.state()).isEqualTo(CircuitBreakingGateway.State.CLOSED);
        assertThat(send()).isEqualTo(SENT);
        assertThat(changes).as("opened, opened again by the failed trial, closed by the good one").containsExactly(
                CircuitBreakingGateway.State.OPEN, CircuitBreakingGateway.State.OPEN, CircuitBreakingGateway.State.CLOSED);
    }
}
