package dev.trustgate.adapters.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trustgate.adapters.http.support.HttpMetrics;
import dev.trustgate.adapters.http.support.HttpSettings;
import dev.trustgate.adapters.http.support.Json;
import dev.trustgate.adapters.http.support.Route;
import dev.trustgate.application.fakes.WhatsAppSamples;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Walks the route table, so a new route cannot skip the rules: every business-scoped route answers 404
 * to another business's key, every keyed route 401 without a key, and the OpenAPI document lists them all.
 */
class RouteTableTest {

    private static final String PNID = "106540352242922";
    private static RunningServer server;
    private static String otherBusinessKey;
    private static String revokedKey;

    static List<Route> routes() {
        RunningServer probe = new RunningServer();
        try {
            return TrustgateHttpServer.routes(RunningServer.useCases(probe.core),
                    new HttpSettings("x", "y", 4096, Optional.empty()), () -> true, Instant::now, Json.mapper(),
                    new HttpMetrics(() -> HttpMetrics.Backlog.EMPTY));
        } finally {
            probe.close();
        }
    }

    @BeforeAll
    static void start() {
        server = new RunningServer();
        server.put("/v1/businesses/" + PNID + "/identity-checks", RunningServer.ADMIN_KEY, "{\"enabled\":true}");
        server.signedWebhook(WhatsAppSamples.bytes("inbound-text-with-identity-hash.json"));
        server.signedWebhook(WhatsAppSamples.bytes("names/inbound-text-username-user.json"));
        otherBusinessKey = server.keyFor("999000111");
        var created = server.services.apiKeys.create(new dev.trustgate.application.port.in.ManageApiKeysUseCase.CreateCommand(
                dev.trustgate.application.Caller.admin(new dev.trustgate.domain.Actor("admin")), "revoked",
                java.util.Set.of(new dev.trustgate.domain.BusinessNumberId(PNID))));
        server.services.apiKeys.revoke(dev.trustgate.application.Caller.admin(new dev.trustgate.domain.Actor("admin")),
                created.apiKey().id());
        revokedKey = created.key();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String concrete(String path) {
        return concrete(path, "16505551234");
    }

    private static String concrete(String path, String customer) {
        return path.replace("{pnid}", PNID).replace("{customer}", customer).replace("{id}", "some_id")
                .replace("{version}", "v25.0");
    }

    /** Every name a customer of the business has: a user id, a parent user id, and trustgate's contact id. */
    static Stream<org.junit.jupiter.params.provider.Arguments> businessScopedRoutesByEveryName() {
        String contactId = server.contact(new dev.trustgate.domain.BusinessNumberId(PNID),
                new dev.trustgate.domain.UserId("US.13491208655302741918")).orElseThrow().key().id().value();
        return businessScopedRoutes().filter(r -> r.path().contains("{customer}")).flatMap(route -> Stream.of(
                "US.13491208655302741918", "US.ENT.11815799212886844830", contactId)
                .map(name -> org.junit.jupiter.params.provider.Arguments.of(route, name)));
    }

    static Stream<Route> businessScopedRoutes() {
        return routes().stream().filter(r -> r.businessScoped() && r.access() == Route.Access.KEY);
    }

    static Stream<Route> keyedRoutes() {
        return routes().stream().filter(r -> r.access() == Route.Access.KEY || r.access() == Route.Access.ADMIN);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("businessScopedRoutes")
    void aKeyOfAnotherBusinessGetsNotFound(Route route) throws Exception {
        HttpResponse<String> response = server.call(route.method(), concrete(route.path()), otherBusinessKey, "{}");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(new ObjectMapper().readTree(response.body()).get("code").asText()).isEqualTo("not_found");
    }

    @ParameterizedTest(name = "{0} as {1}")
    @MethodSource("businessScopedRoutesByEveryName")
    void aKeyOfAnotherBusinessGetsNotFoundWhateverNameOfTheCustomerItUses(Route route, String name) throws Exception {
        HttpResponse<String> response = server.call(route.method(), concrete(route.path(), name), otherBusinessKey, "{}");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(new ObjectMapper().readTree(response.body()).get("code").asText()).isEqualTo("not_found");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("keyedRoutes")
    void noKeyAndRevokedKeysGetUnauthorized(Route route) {
        assertThat(server.call(route.method(), concrete(route.path()), null, "{}").statusCode()).isEqualTo(401);
        assertThat(server.call(route.method(), concrete(route.path()), "tg_never_issued", "{}").statusCode()).isEqualTo(401);
        assertThat(server.call(route.method(), concrete(route.path()), revokedKey, "{}").statusCode()).isEqualTo(401);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("keyedRoutes")
    void malformedAuthorizationHeadersGetUnauthorized(Route route) throws Exception {
        String validKey = server.keyFor(PNID);
        for (String header : new String[] {"Basic dXNlcjpwYXNz", "Bearer", "Bearer  ", validKey, "Bearer " + validKey + " extra",
                "Token " + validKey, "Bearer " + "k".repeat(400)}) {
            HttpResponse<String> response = server.send(java.net.http.HttpRequest.newBuilder(server.uri(concrete(route.path())))
                    .header("Authorization", header)
                    .method(route.method(), java.net.http.HttpRequest.BodyPublishers.ofString("{}")).build());
            assertThat(response.statusCode()).as("%s with Authorization: %s", route, header).isEqualTo(401);
            assertThat(new ObjectMapper().readTree(response.body()).get("code").asText()).isEqualTo("unauthorized");
        }
    }

    @Test
    void theOpenApiDocumentListsEveryRoute() throws Exception {
        JsonNode paths = new ObjectMapper().readTree(server.get("/openapi.json", null).body()).get("paths");

        for (Route route : routes()) {
            assertThat(paths.has(route.path())).as(route.path()).isTrue();
            assertThat(paths.get(route.path()).has(route.method().toLowerCase(Locale.ROOT))).as(route.toString()).isTrue();
        }
    }
}
