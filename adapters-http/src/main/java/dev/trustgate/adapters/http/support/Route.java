package dev.trustgate.adapters.http.support;

import io.javalin.http.Handler;
import java.util.Optional;

/**
 * One route of the API: method, path, who may call it and what it does, and the schema (by name) of what it answers
 * when the OpenAPI document describes it. The route table drives the router, the OpenAPI document and the tests that
 * walk every route, so none can be forgotten; the server puts the check a route's {@link Access} requires in front of
 * its handler ({@link AccessControl}), so a handler never authenticates its caller itself.
 */
public record Route(String method, String path, Access access, String summary, Handler handler, Optional<String> answers) {

    public Route(String method, String path, Access access, String summary, Handler handler) {
        this(method, path, access, summary, handler, Optional.empty());
    }

    /** This route, answering (when it succeeds) JSON of the OpenAPI document's schema {@code schema}. */
    public Route answering(String schema) {
        return new Route(method, path, access, summary, handler, Optional.of(schema));
    }

    /** Who may call a route, and so the check the server installs in front of it. */
    public enum Access {
        /** No credentials: health probes and this API's own description. */
        PUBLIC,
        /** WhatsApp's subscription handshake: {@code hub.mode=subscribe} with the verify token, 403 otherwise. */
        WHATSAPP_VERIFY_TOKEN,
        /** WhatsApp's webhook: {@code X-Hub-Signature-256} over the raw body (read up to the webhook limit, 413 past it). */
        WHATSAPP_SIGNATURE,
        /**
         * A webhook of a provider that signs nothing (360dialog, Infobip): the path's {@code {secret}} is one this
         * trustgate was given ({@link ProviderWebhooks}), 401 otherwise; the body is read up to the webhook limit, 413 past
         * it. Weaker than a signature: it proves the sender knows the URL, not that the body is the provider's.
         */
        PROVIDER_WEBHOOK_SECRET,
        /** {@code TRUSTGATE_METRICS_KEY} as bearer token when one is configured; no credentials otherwise. */
        METRICS_KEY,
        /**
         * A mobile operator's SIM-swap notice: the bearer token is a sink credential trustgate gives with its SIM-swap
         * subscriptions ({@code CAMARA_SINK_CREDENTIAL}), 401 otherwise (always, when none is configured); the
         * body is read up to the webhook limit, 413 past it.
         */
        SIM_SWAP_SINK_CREDENTIAL,
        /** Any API key; on a business-scoped route a key of that business (another business's is answered 404). */
        KEY,
        /** The admin key only; any other key is answered 403. */
        ADMIN,
        /** An API key as Graph access token, refused with Graph-style errors (drop-in Cloud API); business-scoped as KEY. */
        GRAPH,
        /** The admin key as Graph access token, refused with Graph-style errors. */
        GRAPH_ADMIN
    }

    public boolean businessScoped() {
        return path.contains("{pnid}");
    }
}
