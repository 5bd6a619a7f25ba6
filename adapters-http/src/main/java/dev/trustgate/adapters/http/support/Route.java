package dev.trustgate.adapters.http.support;

import io.javalin.http.Handler;

/**
 * One route of the API: method, path, who may call it and what it does. The route table drives the
 * router, the OpenAPI document and the tests that walk every route, so none can be forgotten.
 */
public record Route(String method, String path, Access access, String summary, Handler handler) {

    /** Who may call a route. */
    public enum Access {
        /** No key: health probes, WhatsApp's webhook (signed instead), metrics (own key when configured). */
        PUBLIC,
        /** Any API key; business-scoped routes answer 404 for other businesses. */
        KEY,
        /** The admin key only. */
        ADMIN,
        /** A trustgate key as Graph access token, with Graph-style errors (drop-in Cloud API). */
        GRAPH
    }

    public boolean businessScoped() {
        return path.contains("{pnid}");
    }
}
