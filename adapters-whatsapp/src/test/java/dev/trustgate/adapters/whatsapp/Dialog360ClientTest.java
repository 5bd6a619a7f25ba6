package dev.trustgate.adapters.whatsapp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trustgate.application.port.out.WhatsAppGateway.Capabilities;
import dev.trustgate.application.port.out.WhatsAppGateway.IdentityChecks;
import dev.trustgate.application.port.out.WhatsAppGateway.ReadOutcome;
import dev.trustgate.application.port.out.WhatsAppGateway.SendOutcome;
import dev.trustgate.application.port.out.WhatsAppGateway.SettingOutcome;
import dev.trustgate.domain.BusinessNumberId;
import dev.trustgate.domain.IdentityHash;
import dev.trustgate.domain.Recipient;
import dev.trustgate.domain.WaId;
import dev.trustgate.testkit.FakeCloudApi;
import dev.trustgate.testkit.ProviderFake;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What is 360dialog's own: its base URL, a key per business number in {@code D360-API-KEY}, no number in the path. */
class Dialog360ClientTest {

    private static final BusinessNumberId FIRST = new BusinessNumberId("106540352242922");
    private static final BusinessNumberId SECOND = new BusinessNumberId("106540352249999");
    private static final Recipient TO = Recipient.of(new WaId("16505551234"));
    private static final IdentityHash PIN = new IdentityHash("DF2lS5v2W6x=");
    private static final String TEXT = "{\"to\":\"16505551234\",\"type\":\"text\",\"text\":{\"body\":\"hi\"}}";

    private final FakeCloudApi dialog = FakeCloudApi.dialog360(Map.of(FIRST.value(), "key-one", SECOND.value(), "key-two"));

    @AfterEach
    void stop() {
        dialog.close();
    }

    private CloudApiClient client(Map<BusinessNumberId, String> keys) {
        return new CloudApiClient(new CloudApiSettings(new CloudApiHost.Dialog360(URI.create(dialog.url()), keys),
                Duration.ofSeconds(1), Duration.ofSeconds(10), 2, Duration.ofMillis(10), Duration.ofSeconds(5)), new ObjectMapper(),
                d -> { });
    }

    @Test
    void aSendIsPostedToMessagesWithoutANumberInThePathAndWithTheNumbersOwnKey() {
        SendOutcome outcome = client(Map.of(FIRST, "key-one")).send(FIRST, TO, TEXT, Optional.of(PIN));

        assertThat(outcome).isInstanceOf(SendOutcome.Sent.class);
        ProviderFake.Received request = dialog.sends().get(0);
        assertThat(request.path()).isEqualTo("/messages");
        assertThat(request.header("D360-API-KEY")).isEqualTo("key-one");
        assertThat(request.header("Authorization")).as("no bearer token").isNull();
        assertThat(dialog.forwarded()).singleElement().satisfies(f -> assertThat(f.pin()).contains(PIN.value()));
    }

    @Test
    void eachBusinessNumberSendsWithItsOwnKeySo360dialogKnowsWhichNumberSends() {
        CloudApiClient client = client(Map.of(FIRST, "key-one", SECOND, "key-two"));

        client.send(FIRST, TO, TEXT, Optional.of(PIN));
        client.send(SECOND, TO, TEXT, Optional.of(PIN));

        assertThat(dialog.forwarded()).extracting(FakeCloudApi.Forwarded::phoneNumberId).containsExactly(FIRST.value(), SECOND.value());
    }

    @Test
    void aBusinessNumberWithoutAKeyIsRefusedNamingTheVariableAndNothingLeaves() {
        CloudApiClient client = client(Map.of(FIRST, "key-one"));

        assertThat(client.send(SECOND, TO, TEXT, Optional.of(PIN))).isInstanceOfSatisfying(SendOutcome.Refused.class, refused -> {
            assertThat(refused.status()).isEqualTo(400);
            assertThat(refused.error().message()).contains("106540352249999").contains("D360_API_KEYS");
        });
        assertThat(client.setIdentityChecks(SECOND, true)).isInstanceOfSatisfying(SettingOutcome.Failed.class,
                failed -> assertThat(failed.reason()).contains("D360_API_KEYS"));
        assertThat(client.markRead(SECOND, "{\"status\":\"read\",\"message_id\":\"wamid.1\"}"))
                .isInstanceOfSatisfying(ReadOutcome.Answered.class, answered -> assertThat(answered.status()).isEqualTo(400));
        assertThat(dialog.sends()).isEmpty();
    }

    @Test
    void theIdentityCheckSettingIsPostedToSettingsWithTheNumbersKey() {
        assertThat(client(Map.of(SECOND, "key-two")).setIdentityChecks(SECOND, true)).isInstanceOf(SettingOutcome.Applied.class);

        assertThat(dialog.settings()).containsExactly(new FakeCloudApi.Setting(SECOND.value(), true));
    }

    @Test
    void a360dialogRefusalInItsOwnShapeComesBackTypedWithItsMessage() {
        SendOutcome outcome = client(Map.of(FIRST, "a-revoked-key")).send(FIRST, TO, TEXT, Optional.of(PIN));

        assertThat(outcome).isInstanceOfSatisfying(SendOutcome.Refused.class, refused -> {
            assertThat(refused.status()).isEqualTo(401);
            assertThat(refused.error().message()).contains("D360-API-KEY");
        });
    }

    @Test
    void itPinsSetsTheCheckThroughTheApiAndKeepsNoIdentityBlockOfItsOwn() {
        CloudApiClient client = client(Map.of(FIRST, "key-one"));

        assertThat(client.capabilities()).isEqualTo(new Capabilities("360dialog", true, IdentityChecks.API, false, Set.of()));
        assertThat(client.unsupportedMessageType("{\"type\":\"image\",\"image\":{\"id\":\"1\"}}")).isEmpty();
        assertThatThrownBy(() -> client.confirmIdentity(FIRST, new WaId("16505551234"), PIN))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void theKeysNeverAppearInTheSettingsText() {
        assertThat(CloudApiSettings.of360dialog(CloudApiHost.Dialog360.BASE_URL, Map.of(FIRST, "key-one")).toString())
                .doesNotContain("key-one").contains("waba-v2.360dialog.io");
    }
}
