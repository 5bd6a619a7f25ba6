package dev.trustgate.adapters.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trustgate.application.port.out.NotificationSender.Outcome;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * An outgoing delivery ends within its total deadline whatever the endpoint does: one that never answers
 * and one that answers its headers and then trickles its body both come back as a retry, in time.
 */
class DeliveryDeadlineTest {

    private static final Duration DEADLINE = Duration.ofSeconds(1);

    private static Outcome timed(HttpWebhookRelay relay, Duration[] took) {
        long start = System.nanoTime();
        Outcome outcome = relay.relay(dev.trustgate.application.port.out.WebhookRelay.DEFAULT_DESTINATION, "{}", "");
        took[0] = Duration.ofNanos(System.nanoTime() - start);
        return outcome;
    }

    @Test
    void anEndpointThatNeverAnswersIsGivenUpOnAtTheDeadline() throws Exception {
        try (StalledEndpoints.Blackhole blackhole = new StalledEndpoints.Blackhole()) {
            Duration[] took = new Duration[1];

            Outcome outcome = timed(new HttpWebhookRelay(URI.create(blackhole.url("/relay")), "secret", DEADLINE), took);

            assertThat(outcome).isEqualTo(new Outcome.RetryLater("no complete answer within 1 s", java.util.Optional.empty()));
            assertThat(took[0]).isBetween(DEADLINE.minusMillis(50), DEADLINE.plusMillis(900));
        }
    }

    @Test
    void anEndpointThatTricklesItsBodyIsGivenUpOnAtTheDeadlineThoughItsHeadersCameAtOnce() throws Exception {
        try (StalledEndpoints.Trickler trickler = new StalledEndpoints.Trickler()) {
            Duration[] took = new Duration[1];

            Outcome outcome = timed(new HttpWebhookRelay(URI.create(trickler.url("/relay")), "secret", DEADLINE), took);

            assertThat(trickler.answering()).as("the headers were answered").isEqualTo(1);
            assertThat(outcome).isInstanceOf(Outcome.RetryLater.class);
            assertThat(took[0]).isBetween(DEADLINE.minusMillis(50), DEADLINE.plusMillis(900));
        }
    }

    @Test
    void aUrlTheSenderCannotUseIsNamedWithTheReason() {
        StandardWebhooksSender sender = new StandardWebhooksSender(DEADLINE);

        assertThat(sender.problemWithUrl("http://crm.example/hooks%zz")).hasValueSatisfying(p -> assertThat(p).contains("index"));
        assertThat(sender.problemWithUrl("http://[::1/hooks")).isPresent();
        assertThat(sender.problemWithUrl("http://crm_internal:8080/hooks")).hasValueSatisfying(p -> assertThat(p).contains("host"));
        assertThat(sender.problemWithUrl("mailto:crm@example.com")).isPresent();
        assertThat(sender.problemWithUrl("https://crm.example:8443/hooks?tenant=a")).isEmpty();
        assertThat(sender.problemWithUrl("http://127.0.0.1:8080/hooks")).isEmpty();
    }
}
