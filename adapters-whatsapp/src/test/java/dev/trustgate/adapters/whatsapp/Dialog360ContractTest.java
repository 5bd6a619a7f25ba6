package dev.trustgate.adapters.whatsapp;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trustgate.application.port.out.WhatsAppGateway;
import dev.trustgate.domain.BusinessNumberId;
import dev.trustgate.testkit.FakeCloudApi;
import dev.trustgate.testkit.ProviderFake;
import dev.trustgate.testkit.WhatsAppGatewayContract;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The gateway contract, against 360dialog's Cloud API. */
class Dialog360ContractTest extends WhatsAppGatewayContract {

    static final String NUMBER = "106540352242922";
    static final String KEY = "d360-contract-key";

    @Override
    protected ProviderFake startProvider() {
        return FakeCloudApi.dialog360(Map.of(NUMBER, KEY));
    }

    @Override
    protected WhatsAppGateway gateway(String baseUrl, Duration requestTimeout, List<Duration> pauses) {
        return new CloudApiClient(new CloudApiSettings(new CloudApiHost.Dialog360(URI.create(baseUrl),
                Map.of(new BusinessNumberId(NUMBER), KEY)), Duration.ofSeconds(1), requestTimeout, 2, Duration.ofMillis(10),
                Duration.ofSeconds(5)), new ObjectMapper(), pauses::add);
    }

    @Override
    protected BusinessNumberId business() {
        return new BusinessNumberId(NUMBER);
    }

    @Override
    protected Optional<String> pinIn(ProviderFake.Received request) {
        return CloudApiContractTest.topLevelPin(request);
    }
}
