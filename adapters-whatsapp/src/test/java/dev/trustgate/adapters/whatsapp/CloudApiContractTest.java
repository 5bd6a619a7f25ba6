package dev.trustgate.adapters.whatsapp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trustgate.application.port.out.WhatsAppGateway;
import dev.trustgate.domain.BusinessNumberId;
import dev.trustgate.testkit.FakeCloudApi;
import dev.trustgate.testkit.ProviderFake;
import dev.trustgate.testkit.WhatsAppGatewayContract;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The gateway contract, against Meta's Graph API. */
class CloudApiContractTest extends WhatsAppGatewayContract {

    static final String TOKEN = "EAAG-contract-token";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    protected ProviderFake startProvider() {
        return FakeCloudApi.meta(TOKEN);
    }

    @Override
    protected WhatsAppGateway gateway(String baseUrl, Duration requestTimeout, List<Duration> pauses) {
        return new CloudApiClient(new CloudApiSettings(new CloudApiHost.MetaGraph(URI.create(baseUrl), "v25.0", TOKEN),
                Duration.ofSeconds(1), requestTimeout, 2, Duration.ofMillis(10), Duration.ofSeconds(5)), JSON, pauses::add);
    }

    @Override
    protected BusinessNumberId business() {
        return new BusinessNumberId("106540352242922");
    }

    @Override
    protected Optional<String> pinIn(ProviderFake.Received request) {
        return topLevelPin(request);
    }

    /** The Cloud API carries the pin as the top-level {@code recipient_identity_key_hash}. */
    static Optional<String> topLevelPin(ProviderFake.Received request) {
        try {
            JsonNode pin = JSON.readTree(request.body()).get("recipient_identity_key_hash");
            return pin == null ? Optional.empty() : Optional.of(pin.asText());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
