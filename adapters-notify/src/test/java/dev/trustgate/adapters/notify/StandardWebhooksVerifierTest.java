package dev.trustgate.adapters.notify;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The verifier the delivery tests trust agrees with the specification's published example. */
class StandardWebhooksVerifierTest {

    // The example signature published with the Standard Webhooks specification's reference libraries.
    private static final byte[] KEY = StandardWebhooksVerifier.key("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
    private static final String ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    private static final String TIMESTAMP = "1614265330";
    private static final String BODY = "{\"test\": 2432232314}";
    private static final String SIGNATURE = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

    @Test
    void acceptsThePublishedExample() {
        assertThat(StandardWebhooksVerifier.verifies(KEY, ID, TIMESTAMP, BODY, SIGNATURE)).isTrue();
        assertThat(StandardWebhooksVerifier.verifies(KEY, ID, TIMESTAMP, BODY, "v1,bm90IHRoaXM= " + SIGNATURE)).isTrue();
    }

    @Test
    void refusesTheExampleWithAnyPartChanged() {
        assertThat(StandardWebhooksVerifier.verifies(KEY, ID, TIMESTAMP, BODY + " ", SIGNATURE)).isFalse();
        assertThat(StandardWebhooksVerifier.verifies(KEY, ID + "x", TIMESTAMP, BODY, SIGNATURE)).isFalse();
        assertThat(StandardWebhooksVerifier.verifies(KEY, ID, "1614265331", BODY, SIGNATURE)).isFalse();
        assertThat(StandardWebhooksVerifier.verifies(new byte[] {1}, ID, TIMESTAMP, BODY, SIGNATURE)).isFalse();
        assertThat(StandardWebhooksVerifier.verifies(KEY, ID, TIMESTAMP, BODY, SIGNATURE.replace("v1,", "v2,"))).isFalse();
        assertThat(StandardWebhooksVerifier.verifies(KEY, ID, TIMESTAMP, BODY, "v1,!!!")).isFalse();
        assertThat(StandardWebhooksVerifier.verifies(KEY, ID, TIMESTAMP, BODY, null)).isFalse();
    }
}
