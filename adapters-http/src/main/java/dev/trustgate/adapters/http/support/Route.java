package dev.trustgate.adapters.http.support;

import dev.trustgate.application.ErrorCode;
import io.javalin.http.Handler;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One route of the API: method, path, who may call it and what it does, and its {@link Contract} (what it takes and
 * answers, by schema name) for the OpenAPI document. The route table drives the router, the OpenAPI document and the
 * tests that walk every route, so none can be forgotten; the server puts the check a route's {@link Access} requires in
 * front of its handler ({@link AccessControl}), so a handler never authenticates its caller itself.
 *
 * <p>Describing a route: {@code new Route(...).id("acknowledgeIdentityChange").accepting("Acknowledgement")
 * .answering("ContactView").answering(202, "ContactView").refusing(ErrorCode.STALE_ACKNOWLEDGEMENT)}; the schema
 * names are keys of the schema registry the server hands {@link OpenApi} ({@code BusinessApi.schemas()}).
 */
public record Route(String method, String path, Access access, String summary, Handler handler, Contract contract) {

    /** The status of an answer relayed as it came (the drop-in Cloud API relays WhatsApp's): OpenAPI's "default". */
    public static final int ANY_OTHER_STATUS = 0;

    public Route(String method, String path, Access access, String summary, Handler handler) {
        this(method, path, access, summary, handler, Contract.NONE);
    }

    /** This route's {@code operationId}: the method name a generated client gives it. */
    public Route id(String operationId) {
        return with(new Contract(Optional.of(operationId), contract.request(), contract.requestMediaTypes(), contract.answers(), contract.refusals()));
    }

    /** This route, taking a JSON body of the schema {@code schema}. */
    public Route accepting(String schema) {
        return accepting(schema, "application/json");
    }

    /** This route, taking a body of the schema {@code schema} in any of {@code mediaTypes} (JSON each). */
    public Route accepting(String schema, String... mediaTypes) {
        return with(new Contract(contract.operationId(), Optional.of(schema), List.of(mediaTypes), contract.answers(),
                contract.refusals()));
    }

    /** This route, answering 200 with JSON of the schema {@code schema}. */
    public Route answering(String schema) {
        return answering(200, schema);
    }

    /** This route, answering {@code status} with JSON of the schema {@code schema}, or with no body when it is null. */
    public Route answering(int status, String schema) {
        return answering(status, schema == null ? null : "application/json", schema);
    }

    /** This route, answering {@code status} with {@code mediaType} of the schema {@code schema} (no body when null). */
    public Route answering(int status, String mediaType, String schema) {
        Map<Integer, Answer> answers = new LinkedHashMap<>(contract.answers());
        answers.put(status, new Answer(Optional.ofNullable(mediaType), Optional.ofNullable(schema)));
        return with(new Contract(contract.operationId(), contract.request(), contract.requestMediaTypes(), answers, contract.refusals()));
    }

    /** This route may also refuse with {@code codes}, beyond those its access and its body bring (OpenApi adds those). */
    public Route refusing(ErrorCode... codes) {
        Set<ErrorCode> refusals = EnumSet.noneOf(ErrorCode.class);
        refusals.addAll(contract.refusals());
        refusals.addAll(Arrays.asList(codes));
        return with(new Contract(contract.operationId(), contract.request(), contract.requestMediaTypes(), contract.answers(), refusals));
    }

    private Route with(Contract changed) {
        return new Route(method, path, access, summary, handler, changed);
    }

    /**
     * What the OpenAPI document says of a route: its operationId, the schema of its body and the media types it is
     * taken in, its answers by status,
     * and the error codes it may refuse with (as problem+json, or Graph errors on the drop-in routes).
     */
    public record Contract(Optional<String> operationId, Optional<String> request, List<String> requestMediaTypes,
                           Map<Integer, Answer> answers, Set<ErrorCode> refusals) {

        public static final Contract NONE = new Contract(Optional.empty(), Optional.empty(), List.of("application/json"), Map.of(),
                Set.of());

        public Contract {
            requestMediaTypes = List.copyOf(requestMediaTypes);
            answers = Map.copyOf(answers);
            refusals = Set.copyOf(refusals);
        }
    }

    /** One answer: its media type and schema name, both empty for an answer without a body. */
    public record Answer(Optional<String> mediaType, Optional<String> schema) {
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
