package dev.trustgate.adapters.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trustgate.testkit.OpenApiContract;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The served OpenAPI document is strict enough that an answer it does not describe fails the test that got it. */
class OpenApiContractTest {

    private final RunningServer server = new RunningServer();

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void aRealExchangeMeetsTheDocument() {
        HttpResponse<String> response = server.sendUnchecked(HttpRequest.newBuilder(server.uri("/health/live")).GET().build());

        assertThat(problems("GET", "/health/live", null, response.statusCode(), response.body())).isEmpty();
    }

    @Test
    void anAnswerWithAFieldTheDocumentDoesNotNameFails() {
        assertThat(problems("GET", "/health/live", null, 200, "{\"status\":\"up\",\"uptime\":12}"))
                .anySatisfy(problem -> assertThat(problem).contains("uptime"));
    }

    @Test
    void anAnswerWithAStatusTheDocumentDoesNotListFails() {
        assertThat(problems("GET", "/v1/event-types", "tg_some_key", 418, "{}"))
                .anySatisfy(problem -> assertThat(problem).contains("418"));
    }

    @Test
    void aProblemWithACodeTheDocumentDoesNotKnowFails() {
        assertThat(problems("GET", "/v1/event-types", "tg_some_key", 401,
                "{\"type\":\"t\",\"title\":\"t\",\"status\":401,\"code\":\"who_are_you\",\"detail\":\"d\"}")).isNotEmpty();
    }

    @Test
    void anAcceptedRequestWithAFieldTheDocumentDoesNotNameFails() {
        assertThat(problems("PUT", "/v1/businesses/106540352242922/identity-checks", RunningServer.ADMIN_KEY, 200,
                "{\"phoneNumberId\":\"106540352242922\",\"enabled\":true,\"since\":null,\"policy\":\"NONE\"}",
                "{\"enabled\":true,\"colour\":\"red\"}")).anySatisfy(problem -> assertThat(problem).contains("colour"));
    }

    @Test
    void theServerAnswersEveryTestThroughTheCheck() {
        // the helpers every HTTP test calls go through the check: an undocumented answer there fails the test
        HttpRequest request = HttpRequest.newBuilder(server.uri("/health/live")).GET().build();
        HttpResponse<String> real = server.sendUnchecked(request);
        OpenApiContract contract = server.contract();

        assertThatThrownBy(() -> contract.check(request, new byte[0], new Answer(real, 418)))
                .isInstanceOf(AssertionError.class).hasMessageContaining("418");
    }

    private java.util.List<String> problems(String method, String path, String key, int status, String answer) {
        return problems(method, path, key, status, answer, null);
    }

    private java.util.List<String> problems(String method, String path, String key, int status, String answer, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.uri(path)).method(method,
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        String type = status >= 400 ? "application/problem+json" : "application/json";
        return server.contract().problems(request.build(), body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8),
                status, Optional.of(type), answer);
    }

    /** A real answer with another status. */
    private record Answer(HttpResponse<String> real, int statusCode) implements HttpResponse<String> {
        @Override
        public HttpRequest request() {
            return real.request();
        }

        @Override
        public Optional<HttpResponse<String>> previousResponse() {
            return Optional.empty();
        }

        @Override
        public java.net.http.HttpHeaders headers() {
            return real.headers();
        }

        @Override
        public String body() {
            return real.body();
        }

        @Override
        public Optional<javax.net.ssl.SSLSession> sslSession() {
            return Optional.empty();
        }

        @Override
        public java.net.URI uri() {
            return real.uri();
        }

        @Override
        public java.net.http.HttpClient.Version version() {
            return real.version();
        }
    }
}
