package dev.trustgate.adapters.infobip;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trustgate.application.port.out.WhatsAppGateway;
import dev.trustgate.domain.BusinessNumberId;
import dev.trustgate.testkit.FakeInfobip;
import dev.trustgate.testkit.ProviderFake;
import dev.trustgate.testkit.WhatsAppGatewayContract;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The gateway contract, against Infobip: the same guarantees, and no pin in any request (Infobip has none). */
class InfobipContractTest extends WhatsAppGatewayContract {

    static final String KEY = "infobip-contract-key";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    protected ProviderFake startProvider() {
        return new FakeInfobip(KEY);
    }

    @Override
    protected WhatsAppGateway gateway(String baseUrl, Duration requestTimeout, List<Duration> pauses) {
        return new InfobipClient(new InfobipSettings(URI.create(baseUrl), KEY, true, Duration.ofSeconds(1), requestTimeout, 2,
                Duration.ofMillis(10), Duration.ofSeconds(5)), JSON, pauses::add);
    }

    @Override
    protected BusinessNumberId business() {
        return new BusinessNumberId("447796344125");
    }

    /** Any field that could carry an identity hash, anywhere in the request. */
    @Override
    protected Optional<String> pinIn(ProviderFake.Received request) {
        try {
            JsonNode body = JSON.readTree(request.body());
            for (String field : new String[] {"recipient_identity_key_hash", "identityHash", "hash"}) {
                JsonNode found = body.findValue(field);
                if (found != null) {
                    return Optional.of(found.asText());
                }
            }
            return Optional.empty();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
