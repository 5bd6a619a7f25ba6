package dev.trustgate.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SubscriptionUrlPolicyTest {

    @Test
    void publicOnlyRefusesLoopbackPrivateAndLinkLocalAddresses() {
        var publicOnly = SubscriptionUrlPolicy.of(Config.SubscriptionUrls.PUBLIC_ONLY);

        assertThat(publicOnly.test("http://127.0.0.1:8080/hooks")).isFalse();
        assertThat(publicOnly.test("http://localhost/hooks")).isFalse();
        assertThat(publicOnly.test("http://10.1.2.3/hooks")).isFalse();
        assertThat(publicOnly.test("http://192.168.0.10/hooks")).isFalse();
        assertThat(publicOnly.test("http://169.254.169.254/latest/meta-data")).isFalse();
        assertThat(publicOnly.test("http://[::1]/hooks")).isFalse();
        assertThat(publicOnly.test("http://[fd00::1]/hooks")).isFalse();
        assertThat(publicOnly.test("https://93.184.216.34/hooks")).isTrue();
    }

    @Test
    void anyAllowsTheInternalCrm() {
        assertThat(SubscriptionUrlPolicy.of(Config.SubscriptionUrls.ANY).test("http://127.0.0.1/hooks")).isTrue();
    }
}
