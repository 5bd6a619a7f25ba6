package dev.trustgate.adapters.http.console;

import dev.trustgate.adapters.http.support.Requests;
import dev.trustgate.adapters.http.support.Route;
import dev.trustgate.adapters.http.support.Route.Access;
import dev.trustgate.application.Caller;
import dev.trustgate.domain.BusinessNumberId;
import io.javalin.config.JavalinConfig;
import io.javalin.http.staticfiles.Location;
import java.util.List;
import java.util.Map;

/**
 * The operator console: plain HTML, CSS and JavaScript from the classpath under {@code /console/}, talking
 * to the same {@code /v1} API with the operator's API key (kept in the tab's session storage only). The
 * page may load nothing from anywhere else and may not be framed.
 */
public final class Console {

    static final String PATH = "/console";

    static final Map<String, String> HEADERS = Map.of(
            "Content-Security-Policy", "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                    + "connect-src 'self'; form-action 'none'; frame-ancestors 'none'; base-uri 'none'",
            "X-Content-Type-Options", "nosniff",
            "Referrer-Policy", "no-referrer",
            "X-Frame-Options", "DENY",
            "Cache-Control", "no-cache");

    record WhoAmI(String keyId, boolean admin, List<String> phoneNumberIds) {
    }

    private Console() {
    }

    /** The route the console asks who its key is: the key's id, whether it is the admin key, its business numbers. */
    public static List<Route> routes() {
        return List.of(new Route("GET", "/v1/me", Access.KEY,
                "the calling key: its id, whether it is the admin key, its business numbers",
                ctx -> ctx.json(whoAmI(Requests.caller(ctx)))).id("whoAmI").answering("WhoAmI"));
    }

    public static void serveStaticFiles(JavalinConfig config) {
        config.staticFiles.add(files -> {
            files.hostedPath = PATH;
            files.directory = "/console";
            files.location = Location.CLASSPATH;
            files.headers = HEADERS;
        });
    }

    static WhoAmI whoAmI(Caller caller) {
        return new WhoAmI(caller.actor().id(), caller.admin(),
                caller.businesses().stream().map(BusinessNumberId::value).sorted().toList());
    }
}
