package dev.trustgate.adapters.http;

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
final class Console {

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

    static void serveStaticFiles(JavalinConfig config) {
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
