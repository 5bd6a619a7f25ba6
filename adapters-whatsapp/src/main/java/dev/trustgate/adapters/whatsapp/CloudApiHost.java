package dev.trustgate.adapters.whatsapp;

import dev.trustgate.domain.BusinessNumberId;
import java.net.URI;
import java.util.Map;
import java.util.Optional;

/**
 * Where the Cloud API's payloads are posted and how the call is authenticated. Meta's Graph API and
 * 360dialog serve the same payloads; they differ only here: Meta takes one bearer token and names the
 * business number in the path ({@code /v25.0/{phone_number_id}/messages}), 360dialog takes a
 * {@code D360-API-KEY} of the business number's own and no number in the path ({@code /messages}).
 */
public sealed interface CloudApiHost {

    /** The provider's name as configured ({@code cloud-api}, {@code 360dialog}). */
    String provider();

    /**
     * The call for {@code edge} ({@code messages}, {@code settings}) on behalf of {@code business}; empty when
     * this host has no credentials for it.
     */
    Optional<Call> call(BusinessNumberId business, String edge);

    /** A URL and the one header that authenticates the call. */
    record Call(URI uri, String header, String credential) {
    }

    /** Meta's Graph API: {@code {graphUrl}/{version}/{phone_number_id}/{edge}}, {@code Authorization: Bearer}. */
    record MetaGraph(URI graphUrl, String version, String accessToken) implements CloudApiHost {
        private static final java.util.regex.Pattern VERSION = java.util.regex.Pattern.compile("v[0-9]+\\.[0-9]+");

        public MetaGraph {
            requireHttp(graphUrl, "Graph URL");
            if (version == null || !VERSION.matcher(version).matches()) {
                throw new IllegalArgumentException("Graph version must look like v25.0");
            }
            if (accessToken == null || accessToken.isBlank()) {
                throw new IllegalArgumentException("an access token is required");
            }
        }

        @Override
        public String provider() {
            return "cloud-api";
        }

        @Override
        public Optional<Call> call(BusinessNumberId business, String edge) {
            return Optional.of(new Call(URI.create(base(graphUrl) + "/" + version + "/" + business.value() + "/" + edge),
                    "Authorization", "Bearer " + accessToken));
        }

        @Override
        public String toString() {
            return "MetaGraph[" + graphUrl + " " + version + ", token ***]";
        }
    }

    /**
     * 360dialog's Cloud API: {@code {baseUrl}/{edge}}, {@code D360-API-KEY} of the business number (each number has
     * its own key, which also tells 360dialog which number is meant).
     */
    record Dialog360(URI baseUrl, Map<BusinessNumberId, String> apiKeys) implements CloudApiHost {
        /** 360dialog's Cloud API base URL. */
        public static final URI BASE_URL = URI.create("https://waba-v2.360dialog.io");

        public Dialog360 {
            requireHttp(baseUrl, "360dialog base URL");
            apiKeys = Map.copyOf(apiKeys);
            if (apiKeys.isEmpty() || apiKeys.values().stream().anyMatch(key -> key == null || key.isBlank())) {
                throw new IllegalArgumentException("every business number needs its 360dialog API key");
            }
        }

        @Override
        public String provider() {
            return "360dialog";
        }

        @Override
        public Optional<Call> call(BusinessNumberId business, String edge) {
            return Optional.ofNullable(apiKeys.get(business))
                    .map(key -> new Call(URI.create(base(baseUrl) + "/" + edge), "D360-API-KEY", key));
        }

        @Override
        public String toString() {
            return "Dialog360[" + baseUrl + ", " + apiKeys.size() + " business numbers, keys ***]";
        }
    }

    private static void requireHttp(URI url, String what) {
        if (url == null || url.getScheme() == null || !url.getScheme().matches("https?")) {
            throw new IllegalArgumentException(what + " must be an http(s) URL");
        }
    }

    private static String base(URI url) {
        String base = url.toString();
        int end = base.length();
        while (end > 0 && base.charAt(end - 1) == '/') {
            end--;
        }
        return base.substring(0, end);
    }
}
