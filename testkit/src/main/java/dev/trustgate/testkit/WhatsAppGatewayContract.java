package dev.trustgate.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trustgate.application.port.out.WhatsAppGateway;
import dev.trustgate.application.port.out.WhatsAppGateway.SendOutcome;
import dev.trustgate.application.service.CircuitBreakingGateway;
import dev.trustgate.domain.BusinessNumberId;
import dev.trustgate.domain.IdentityHash;
import dev.trustgate.domain.Recipient;
import dev.trustgate.domain.WaId;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every WhatsApp provider adapter does, whichever provider it speaks to: a send is accepted with the
 * provider's message id and carries the gate's pin where the provider pins; a refusal comes back typed and is
 * not retried; a timeout after the request was written is never retried (a duplicate message is a harm);
 * 429 with Retry-After is retried after the wait asked for; a refused connection is retried and reported as
 * not sent; behind the circuit breaker, failures in a row stop sends from reaching the provider. Each adapter's
 * test extends this with its provider's fake.
 */
public abstract class WhatsAppGatewayContract {

    protected static final IdentityHash PIN = new IdentityHash("DF2lS5v2W6x=");
    protected static final Recipient CUSTOMER = Recipient.of(new WaId("16505551234"));
    protected static final String TEXT = "{\"messaging_product\":\"whatsapp\",\"recipient_type\":\"individual\","
            + "\"to\":\"16505551234\",\"type\":\"text\",\"text\":{\"body\":\"Your statement is ready.\"}}";
    protected static final Duration TIMEOUT = Duration.ofMillis(700);

    protected ProviderFake provider;
    protected final List<Duration> pauses = new ArrayList<>();

    /** The provider's fake, started. */
    protected abstract ProviderFake startProvider();

    /**
     * The adapter under test against {@code baseUrl}: its calls wait at most {@code requestTimeout} for an answer, it
     * retries at most twice, and instead of sleeping between attempts it adds the wait to {@code pauses}.
     */
    protected abstract WhatsAppGateway gateway(String baseUrl, Duration requestTimeout, List<Duration> pauses);

    /** The business number the adapter sends from (one it holds credentials for). */
    protected abstract BusinessNumberId business();

    /** The identity hash a send request carries, as the provider reads it; empty when it carries none. */
    protected abstract Optional<String> pinIn(ProviderFake.Received request);

    @BeforeEach
    void startTheProvider() {
        provider = startProvider();
    }

    @AfterEach
    void stopTheProvider() {
        provider.close();
    }

    private WhatsAppGateway gateway() {
        return gateway(provider.url(), TIMEOUT, pauses);
    }

    @Test
    void anAcceptedSendAnswersTheProvidersMessageIdAndCarriesThePinWhereTheProviderPins() {
        provider.accepting();
        WhatsAppGateway gateway = gateway(provider.url(), Duration.ofSeconds(10), pauses);

        SendOutcome outcome = gateway.send(business(), CUSTOMER, TEXT, Optional.of(PIN));

        assertThat(outcome).as(provider.sends().toString()).isInstanceOfSatisfying(SendOutcome.Sent.class,
                sent -> assertThat(sent.messageId()).isNotBlank());
        assertThat(provider.sends()).singleElement().satisfies(request -> assertThat(pinIn(request))
                .as("pinned where the provider pins, and nowhere else")
                .isEqualTo(gateway.capabilities().pinsSends() ? Optional.of(PIN.value()) : Optional.empty()));
    }

    @Test
    void anUnpinnedSendCarriesNoIdentityHash() {
        gateway(provider.url(), Duration.ofSeconds(10), pauses).send(business(), CUSTOMER, TEXT, Optional.empty());

        assertThat(provider.sends()).singleElement().satisfies(request -> assertThat(pinIn(request)).isEmpty());
    }

    @Test
    void aRefusalIsReturnedTypedAndNotRetried() {
        provider.refusing();

        SendOutcome outcome = gateway().send(business(), CUSTOMER, TEXT, Optional.of(PIN));

        assertThat(outcome).isInstanceOfSatisfying(SendOutcome.Refused.class, refused -> {
            assertThat(refused.status()).isBetween(400, 499);
            assertThat(refused.error().message()).isNotBlank();
        });
        assertThat(provider.sends()).hasSize(1);
    }

    @Test
    void aTimeoutAfterTheRequestWasWrittenIsNeverRetried() {
        provider.hanging();

        SendOutcome outcome = gateway().send(business(), CUSTOMER, TEXT, Optional.of(PIN));

        assertThat(outcome).isInstanceOfSatisfying(SendOutcome.Unavailable.class, unavailable -> {
            assertThat(unavailable.mayHaveBeenSent()).isTrue();
            assertThat(unavailable.timedOut()).isTrue();
        });
        assertThat(provider.sends()).hasSize(1);
    }

    @Test
    void a429WithRetryAfterIsRetriedAfterTheWaitTheProviderAskedFor() {
        provider.rateLimiting(1).accepting();

        SendOutcome outcome = gateway().send(business(), CUSTOMER, TEXT, Optional.of(PIN));

        assertThat(outcome).isInstanceOf(SendOutcome.Sent.class);
        assertThat(provider.sends()).hasSize(2);
        assertThat(pauses).containsExactly(Duration.ofSeconds(1));
    }

    @Test
    void aRefusedConnectionIsRetriedAndReportedAsNotSent() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }

        SendOutcome outcome = gateway("http://127.0.0.1:" + closedPort, TIMEOUT, pauses).send(business(), CUSTOMER, TEXT,
                Optional.of(PIN));

        assertThat(outcome).isInstanceOfSatisfying(SendOutcome.Unavailable.class,
                unavailable -> assertThat(unavailable.mayHaveBeenSent()).isFalse());
        assertThat(pauses).as("each retry waited").hasSize(2);
    }

    @Test
    void behindTheCircuitBreakerFailuresInARowStopSendsFromReachingTheProvider() {
        provider.failing(500).failing(503).rateLimiting(999);
        List<CircuitBreakingGateway.State> changes = new ArrayList<>();
        WhatsAppGateway breaker = new CircuitBreakingGateway(gateway(), new CircuitBreakingGateway.Settings(3, Duration.ofMinutes(1)),
                changes::add);

        for (int i = 0; i < 3; i++) {
            assertThat(breaker.send(business(), CUSTOMER, TEXT, Optional.of(PIN))).isNotInstanceOf(SendOutcome.Sent.class);
        }
        SendOutcome fourth = breaker.send(business(), CUSTOMER, TEXT, Optional.of(PIN));

        assertThat(fourth).isInstanceOfSatisfying(SendOutcome.Unavailable.class, unavailable -> {
            assertThat(unavailable.mayHaveBeenSent()).isFalse();
            assertThat(unavailable.reason()).contains("circuit open");
        });
        assertThat(provider.sends()).as("nothing reached the provider while open").hasSize(3);
        assertThat(changes).containsExactly(CircuitBreakingGateway.State.OPEN);
        assertThat(breaker.capabilities()).isEqualTo(gateway().capabilities());
    }
}
