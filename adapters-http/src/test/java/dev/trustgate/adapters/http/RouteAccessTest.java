package dev.trustgate.adapters.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trustgate.adapters.http.support.HttpMetrics;
import dev.trustgate.adapters.http.support.HttpSettings;
import dev.trustgate.adapters.http.support.Json;
import dev.trustgate.adapters.http.support.Route;
import dev.trustgate.adapters.http.support.Route.Access;
import dev.trustgate.adapters.http.support.WebhookSignature;
import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A route's declared {@link Access} is the one thing that decides who reaches its handler. Every route of the
 * server's table is walked over a real socket twice: with a tripwire in place of its handler, so only the check
 * the server installs for the declaration stands between a caller and the handler, and as served. A route added
 * without the check its access requires, or an access check left to a handler or a service, fails here.
 */
class RouteAccessTest {

    private static final String PNID = "106540352242922";
    private static final String METRICS_KEY = "metrics-key-for-tests";
    private static final String REACHED = "tripwire reached: ";

    private static RunningServer served;
    private static Javalin tripwired;
    private static String businessKey;
    private static String otherBusinessKey;

    /** Who calls: nobody in particular, someone with wrong credentials, a key of the business, another's, the right one. */
    enum Caller { NONE, WRONG, BUSINESS_KEY, OTHER_BUSINESS_KEY, DECLARED }

    @BeforeAll
    static void start() {
        served = new RunningServer(HttpSettings.DEFAULT_IDLE_TIMEOUT, Optional.of(METRICS_KEY));
        businessKey = served.keyFor(PNID);
        otherBusinessKey = served.keyFor("999000111");
        List<Route> tripwires = routes().stream()
                .map(r -> new Route(r.method(), r.path(), r.access(), r.summary(),
                        ctx -> ctx.status(200).result(REACHED + r.method() + " " + r.path())))
                .toList();
        tripwired = TrustgateHttpServer.serve(tripwires, served.services.authenticate, settings(), Json.mapper(),
                new HttpMetrics(() -> HttpMetrics.Backlog.EMPTY)).start("127.0.0.1", 0);
    }

    @AfterAll
    static void stop() {
        tripwired.stop();
        served.close();
    }

    private static HttpSettings settings() {
        return RunningServer.settings(HttpSettings.DEFAULT_IDLE_TIMEOUT, Optional.of(METRICS_KEY));
    }

    /** The server's route table, as {@link TrustgateHttpServer#create} serves it. */
    static List<Route> routes() {
        RunningServer probe = new RunningServer();
        try {
            return TrustgateHttpServer.routes(RunningServer.useCases(probe.core), settings(), () -> true, Instant::now,
                    Json.mapper(), new HttpMetrics(() -> HttpMetrics.Backlog.EMPTY));
        } finally {
            probe.close();
        }
    }

    static Stream<Route> guardedRoutes() {
        return routes().stream().filter(r -> r.access() != Access.PUBLIC);
    }

    static Stream<Route> adminRoutes() {
        return routes().stream().filter(r -> adminOnly(r.access()));
    }

    static Stream<Route> businessScopedKeyRoutes() {
        return routes().stream().filter(r -> r.businessScoped() && (r.access() == Access.KEY || r.access() == Access.GRAPH));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("routes")
    void withoutCredentialsOnlyAPublicRouteReachesItsHandler(Route route) {
        HttpResponse<String> response = call(tripwired, route, Caller.NONE);

        if (route.access() == Access.PUBLIC) {
            assertThat(response.body()).startsWith(REACHED);
        } else {
            assertRefused(response, route, refusalWithoutCredentials(route.access()));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("guardedRoutes")
    void wrongCredentialsNeverReachAHandler(Route route) {
        assertRefused(call(tripwired, route, Caller.WRONG), route, refusalWithoutCredentials(route.access()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("adminRoutes")
    void aKeyThatIsNotTheAdminKeyIsForbiddenAnAdminRoute(Route route) {
        assertRefused(call(tripwired, route, Caller.BUSINESS_KEY), route, 403);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("businessScopedKeyRoutes")
    void aKeyOfAnotherBusinessNeverReachesABusinessScopedHandler(Route route) {
        assertRefused(call(tripwired, route, Caller.OTHER_BUSINESS_KEY), route, 404);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("routes")
    void theCredentialsARouteDeclaresReachItsHandler(Route route) {
        HttpResponse<String> response = call(tripwired, route, Caller.DECLARED);

        assertThat(response.statusCode()).as("%s %s", route.method(), route.path()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(REACHED + route.method() + " " + route.path());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("guardedRoutes")
    void asServedEveryGuardedRouteRefusesACallerWithoutCredentials(Route route) {
        assertThat(call(served.server, route, Caller.NONE).statusCode()).as("%s %s", route.method(), route.path())
                .isEqualTo(refusalWithoutCredentials(route.access()));
        assertThat(call(served.server, route, Caller.WRONG).statusCode()).as("%s %s", route.method(), route.path())
                .isEqualTo(refusalWithoutCredentials(route.access()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("adminRoutes")
    void asServedAnAdminRouteIsForbiddenToAKeyThatIsNotTheAdminKey(Route route) {
        assertThat(call(served.server, route, Caller.BUSINESS_KEY).statusCode()).as("%s %s", route.method(), route.path())
                .isEqualTo(403);
    }

    private static boolean adminOnly(Access access) {
        return access == Access.ADMIN || access == Access.GRAPH_ADMIN;
    }

    private static int refusalWithoutCredentials(Access access) {
        return switch (access) {
            case PUBLIC -> throw new IllegalArgumentException("a public route refuses no one");
            case WHATSAPP_VERIFY_TOKEN -> 403;
            case WHATSAPP_SIGNATURE, PROVIDER_WEBHOOK_SECRET, METRICS_KEY, SIM_SWAP_SINK_CREDENTIAL, KEY, ADMIN, GRAPH, GRAPH_ADMIN -> 401;
        };
    }

    private static void assertRefused(HttpResponse<String> response, Route route, int status) {
        assertThat(response.body()).as("%s %s reached its handler", route.method(), route.path()).doesNotStartWith(REACHED);
        assertThat(response.statusCode()).as("%s %s", route.method(), route.path()).isEqualTo(status);
    }

    /** A request to {@code route} as {@code caller}, with the credentials that takes for the route's access. */
    private static HttpResponse<String> call(Javalin server, Route route, Caller caller) {
        // a GET carries no body, as no client sends one
        byte[] body = (route.method().equals("GET") ? "" : "{}").getBytes(StandardCharsets.UTF_8);
        String path = route.path().replace("{pnid}", PNID).replace("{customer}", "16505551234").replace("{id}", "some_id")
                .replace("{version}", "v25.0");
        if (route.access() == Access.WHATSAPP_VERIFY_TOKEN && caller != Caller.NONE) {
            path += "?hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token="
                    + (caller == Caller.DECLARED ? RunningServer.VERIFY_TOKEN : "guess");
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .header("Content-Type", "application/json")
                .method(route.method(), HttpRequest.BodyPublishers.ofByteArray(body));
        if (route.access() == Access.WHATSAPP_SIGNATURE && caller != Caller.NONE) {
            request.header("X-Hub-Signature-256", new WebhookSignature(caller == Caller.DECLARED ? RunningServer.APP_SECRET
                    : "not-the-app-secret").sign(body));
        }
        String bearer = switch (caller) {
            case NONE -> null;
            // an API key, even the admin's, is no metrics key and no sink credential
            case WRONG -> route.access() == Access.METRICS_KEY || route.access() == Access.SIM_SWAP_SINK_CREDENTIAL
                    ? RunningServer.ADMIN_KEY : "tg_never_issued";
            case BUSINESS_KEY -> businessKey;
            case OTHER_BUSINESS_KEY -> otherBusinessKey;
            case DECLARED -> switch (route.access()) {
                case PUBLIC, WHATSAPP_VERIFY_TOKEN, WHATSAPP_SIGNATURE, PROVIDER_WEBHOOK_SECRET -> null;
                case METRICS_KEY -> METRICS_KEY;
                case SIM_SWAP_SINK_CREDENTIAL -> RunningServer.SINK_CREDENTIAL;
                case KEY, GRAPH -> businessKey;
                case ADMIN, GRAPH_ADMIN -> RunningServer.ADMIN_KEY;
            };
        };
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        // the served server's answers are held to its OpenAPI document; a tripwire's are the test's own
        return server == served.server ? served.send(request.build()) : served.sendUnchecked(request.build());
    }
}
