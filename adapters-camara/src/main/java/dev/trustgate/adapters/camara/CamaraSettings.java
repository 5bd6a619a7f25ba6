package dev.trustgate.adapters.camara;

import java.net.URI;
import java.time.Duration;

/**
 * How trustgate reaches a mobile operator's CAMARA APIs: the API root (its {@code sim-swap/v2} and
 * {@code sim-swap-subscriptions/v0.3} APIs live under it), the OAuth2 token endpoint and client credentials
 * (client-credentials grant), the sink operators post notices to and the sink credential given with every
 * subscription, and how long a call may take.
 */
public record CamaraSettings(URI apiRoot, URI tokenUrl, String clientId, String clientSecret, URI sink, String sinkCredential,
                             Duration timeout) {

    public CamaraSettings {
        if (apiRoot == null || tokenUrl == null || sink == null || timeout == null) {
            throw new IllegalArgumentException("the API root, token URL, sink and timeout are required");
        }
        if (clientId == null || clientId.isEmpty() || clientSecret == null || clientSecret.isEmpty()) {
            throw new IllegalArgumentException("the OAuth2 client id and secret are required");
        }
        if (sinkCredential == null || sinkCredential.isEmpty()) {
            throw new IllegalArgumentException("the sink credential is required");
        }
    }

    /** The {@code sim-swap} API (v2). */
    URI simSwap(String operation) {
        return resolve("sim-swap/v2/" + operation);
    }

    /** The {@code sim-swap-subscriptions} API (v0.3). */
    URI subscriptions() {
        return resolve("sim-swap-subscriptions/v0.3/subscriptions");
    }

    private URI resolve(String path) {
        String root = apiRoot.toString();
        return URI.create(root.endsWith("/") ? root + path : root + "/" + path);
    }

    @Override
    public String toString() {
        return "CamaraSettings[" + apiRoot + ", token " + tokenUrl + ", client " + clientId + ", secret ***, sink " + sink
                + ", sink credential ***]";
    }
}
