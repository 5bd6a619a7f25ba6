package dev.trustgate.bootstrap;

import dev.trustgate.adapters.persistence.DatabaseSettings;
import dev.trustgate.application.transaction.GroupCommit;
import dev.trustgate.domain.BusinessNumberId;
import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * trustgate's configuration, read once at start from the environment (and optionally a properties file
 * with the same names; the environment wins) and validated as a whole: every problem is reported as
 * one line naming the variable.
 */
public record Config(
        String host,
        int port,
        DatabaseSettings database,
        boolean embeddedDatabase,
        WhatsAppMode whatsAppMode,
        String appSecret,
        String verifyToken,
        boolean developmentSecrets,
        Optional<String> accessToken,
        URI graphUrl,
        String graphVersion,
        Optional<String> adminKey,
        Optional<URI> relayUrl,
        Map<BusinessNumberId, URI> relayUrls,
        Optional<String> relaySecret,
        Optional<String> metricsKey,
        SubscriptionUrls subscriptionUrls,
        int maxWebhookBytes,
        java.time.Duration whatsAppTimeout,
        Duration outboxRetention,
        Optional<dev.trustgate.domain.BusinessNumberId> onPremisesNumber,
        int groupCommitWriters,
        int groupCommitBatch,
        LogFormat logFormat,
        Provider provider,
        Optional<Dialog360> dialog360,
        Optional<Infobip> infobip,
        List<String> simSwapSinkCredentials,
        Optional<Camara> camara) {

    /** Whether trustgate talks to WhatsApp or only pretends to. */
    public enum WhatsAppMode { LIVE, DRY_RUN }

    /** How the server's log lines are written: for people, or one JSON object per line for a log platform. */
    public enum LogFormat { TEXT, JSON }

    /** How this deployment reaches WhatsApp (docs/providers.md). */
    public enum Provider {
        CLOUD_API("cloud-api"), DIALOG_360("360dialog"), INFOBIP("infobip"), DRY_RUN("dry-run");

        private final String code;

        Provider(String code) {
            this.code = code;
        }

        /** The name as {@code TRUSTGATE_WHATSAPP_PROVIDER} spells it. */
        public String code() {
            return code;
        }

        /** Whether WhatsApp's webhooks come signed by Meta (the Cloud API, and dry-run's simulated ones). */
        public boolean metaWebhooks() {
            return this == CLOUD_API || this == DRY_RUN;
        }
    }

    /** 360dialog: its base URL, and each business number's {@code D360-API-KEY} and webhook path secret. */
    public record Dialog360(URI baseUrl, Map<BusinessNumberId, String> apiKeys, Map<BusinessNumberId, String> webhookSecrets) {
        public Dialog360 {
            apiKeys = Map.copyOf(apiKeys);
            webhookSecrets = Map.copyOf(webhookSecrets);
        }

        @Override
        public String toString() {
            return "Dialog360[" + baseUrl + ", " + apiKeys.size() + " business numbers, keys and secrets ***]";
        }
    }

    /**
     * Infobip: the account's base URL and API key, whether its support enabled the identity change add-on, and
     * the secret path its webhooks come to.
     */
    public record Infobip(URI baseUrl, String apiKey, boolean identityChangeEnabled, String webhookSecret) {
        @Override
        public String toString() {
            return "Infobip[" + baseUrl + ", key and secret ***, identity change " + (identityChangeEnabled ? "enabled" : "not enabled")
                    + "]";
        }
    }

    /**
     * A mobile operator's CAMARA SIM-swap APIs: the API root, the OAuth2 token endpoint and client credentials, and the
     * sink URL operators post SIM-swap notices to (this trustgate's {@code /signals/camara/sim-swap}, as they reach it).
     */
    public record Camara(URI apiRoot, URI tokenUrl, String clientId, String clientSecret, URI sinkUrl) {
        @Override
        public String toString() {
            return "Camara[" + apiRoot + ", token " + tokenUrl + ", client " + clientId + ", secret ***, sink " + sinkUrl + "]";
        }
    }

    /** Where business webhooks may point. */
    public enum SubscriptionUrls { ANY, PUBLIC_ONLY }

    /** The signing secret and verify token used when none is configured in dry-run mode. */
    public static final String DEVELOPMENT_APP_SECRET = "trustgate-development-app-secret";
    public static final String DEVELOPMENT_VERIFY_TOKEN = "trustgate-development-verify-token";

    /** A secret that is part of a webhook URL: long, and only characters a path carries unescaped. */
    private static final java.util.regex.Pattern PATH_SECRET = java.util.regex.Pattern.compile("[A-Za-z0-9_-]{32,128}");
    private static final String PATH_SECRET_RULE = "32 to 128 letters, digits, - or _";

    /** A bearer credential given to mobile operators: long, and only characters a bearer token carries (RFC 6750). */
    private static final java.util.regex.Pattern SINK_CREDENTIAL = java.util.regex.Pattern.compile("[A-Za-z0-9._~+/=-]{32,256}");
    private static final String SINK_CREDENTIAL_RULE = "32 to 256 letters, digits or . _ ~ + / = -";

    /**
     * A variable trustgate reads: its default as the help shows it, the value read when it is not set (none where
     * the default is a rule rather than a value), and what it means.
     */
    public record Variable(String shownDefault, Optional<String> defaultValue, String meaning) {

        /** A variable that, when not set, reads as {@code value}. */
        static Variable defaulting(String value, String meaning) {
            return new Variable(value, Optional.of(value), meaning);
        }

        /** A variable whose default is not a value of its own: none, generated, or decided by other settings. */
        static Variable noted(String note, String meaning) {
            return new Variable(note, Optional.empty(), meaning);
        }
    }

    /**
     * Every variable trustgate reads, its default and what it means: the one table of defaults, which the reading
     * below takes its defaults from and the help shows (docs/configuration.md lists the same).
     */
    public static final Map<String, Variable> VARIABLES = variables();

    private static Map<String, Variable> variables() {
        Map<String, Variable> v = new LinkedHashMap<>();
        v.put("TRUSTGATE_HOST", Variable.defaulting("0.0.0.0", "Address the HTTP server binds to."));
        v.put("TRUSTGATE_PORT", Variable.defaulting("8080", "HTTP port."));
        v.put("TRUSTGATE_DB_URL", Variable.defaulting("jdbc:h2:file:./data/trustgate", "JDBC URL: jdbc:h2:file:… (embedded) or jdbc:postgresql://…"));
        v.put("TRUSTGATE_DB_USER", Variable.noted("(none)", "Database user."));
        v.put("TRUSTGATE_DB_PASSWORD", Variable.noted("(none)", "Database password. Never logged."));
        v.put("TRUSTGATE_DB_POOL_SIZE", Variable.defaulting("16", "Most database connections this node holds (2 or more)."));
        v.put("WHATSAPP_APP_SECRET", Variable.noted("(required when live)", "Meta app secret; verifies X-Hub-Signature-256 of webhooks."));
        v.put("WHATSAPP_VERIFY_TOKEN", Variable.noted("(required when live)", "Token WhatsApp's subscription handshake must present."));
        v.put("WHATSAPP_ACCESS_TOKEN", Variable.noted("(none)", "Cloud API access token. Without it trustgate runs in dry-run mode."));
        v.put("WHATSAPP_GRAPH_URL", Variable.defaulting("https://graph.facebook.com", "Graph API base URL."));
        v.put("WHATSAPP_GRAPH_VERSION", Variable.defaulting("v25.0", "Graph API version."));
        v.put("TRUSTGATE_WHATSAPP_MODE", Variable.noted("live with a token, else dry-run", "live or dry-run."));
        v.put("TRUSTGATE_WHATSAPP_PROVIDER", Variable.noted("cloud-api with a token, else dry-run",
                "cloud-api, 360dialog, infobip or dry-run: how this deployment reaches WhatsApp (docs/providers.md)."));
        v.put("D360_BASE_URL", Variable.defaulting("https://waba-v2.360dialog.io", "360dialog's Cloud API base URL."));
        v.put("D360_API_KEYS", Variable.noted("(required for 360dialog)", "Each business number's D360-API-KEY: "
                + "<phone_number_id>=<key>,…"));
        v.put("D360_WEBHOOK_SECRETS", Variable.noted("(required for 360dialog)", "Each business number's webhook path secret "
                + "(360dialog posts to /webhooks/360dialog/<secret>): <phone_number_id>=<secret>,…"));
        v.put("INFOBIP_BASE_URL", Variable.noted("(required for infobip)", "The Infobip account's base URL (https://<id>.api.infobip.com)."));
        v.put("INFOBIP_API_KEY", Variable.noted("(required for infobip)", "Infobip API key (Authorization: App <key>). Never logged."));
        v.put("INFOBIP_WEBHOOK_SECRET", Variable.noted("(required for infobip)", "Webhook path secret: Infobip posts inbound "
                + "messages to /webhooks/infobip/<secret>."));
        v.put("INFOBIP_IDENTITY_CHANGE", Variable.defaulting("disabled", "enabled once Infobip's support has turned on the identity "
                + "change add-on for the account (it has no API); until then opting in is refused."));
        v.put("TRUSTGATE_ADMIN_KEY", Variable.noted("(generated on first start)", "The admin API key; stored only as its SHA-256. When set, it replaces the stored one."));
        v.put("TRUSTGATE_RELAY_URL", Variable.noted("(none)", "Where verified WhatsApp webhooks are relayed for the business's app "
                + "(the default: business numbers without a URL of their own, and webhooks naming none)."));
        v.put("TRUSTGATE_RELAY_URLS", Variable.noted("(none)", "Business numbers with a relay URL of their own: "
                + "<phone_number_id>=<url>,…"));
        v.put("TRUSTGATE_RELAY_SECRET", Variable.noted("WHATSAPP_APP_SECRET", "Secret the relay re-signs webhooks with."));
        v.put("TRUSTGATE_METRICS_KEY", Variable.noted("(none)", "When set, /metrics requires Authorization: Bearer <key>."));
        v.put("TRUSTGATE_SUBSCRIPTION_URLS", Variable.defaulting("any", "any, or public-only to refuse loopback and private webhook URLs."));
        v.put("WHATSAPP_TIMEOUT_SECONDS", Variable.defaulting("10", "How long a send waits for WhatsApp's answer before it fails with upstream_error."));
        v.put("TRUSTGATE_MAX_WEBHOOK_BYTES", Variable.defaulting("1048576", "Largest WhatsApp webhook accepted (413 above)."));
        v.put("TRUSTGATE_ON_PREMISES_PHONE_NUMBER_ID", Variable.noted("(none)", "The business number On-Premises API webhooks "
                + "(which name none) belong to. Without it they are receipted, not applied; a number in the webhook URL is "
                + "refused, since the signature does not cover it."));
        v.put("TRUSTGATE_OUTBOX_RETENTION", Variable.defaulting("7d", "How long delivered notifications and relayed webhooks are kept: "
                + "a number and d, h or m (7d, 36h), or an ISO-8601 duration (P7D); at least 1 hour."));
        v.put("TRUSTGATE_GROUP_COMMIT_WRITERS", Variable.defaulting(String.valueOf(GroupCommit.DEFAULT_WRITERS),
                "Threads that commit concurrent WhatsApp webhooks (and, on the embedded H2 file, sends) together (1-32)."));
        v.put("TRUSTGATE_GROUP_COMMIT_BATCH", Variable.defaulting(String.valueOf(GroupCommit.DEFAULT_BATCH),
                "Most webhooks or sends one of them commits in one transaction (1-1000)."));
        v.put("CAMARA_SINK_CREDENTIAL", Variable.noted("(none: SIM-swap notices refused)", "The bearer credential trustgate "
                + "gives mobile operators with its SIM-swap subscriptions; POST /signals/camara/sim-swap requires it. Several, "
                + "comma-separated, while one is replaced. Never logged."));
        v.put("CAMARA_API_ROOT", Variable.noted("(none: no SIM-swap subscriptions)", "The mobile operator's CAMARA API root; "
                + "its sim-swap/v2 and sim-swap-subscriptions/v0.3 APIs are under it."));
        v.put("CAMARA_TOKEN_URL", Variable.noted("(required with CAMARA_API_ROOT)", "The operator's OAuth2 token endpoint "
                + "(client-credentials grant)."));
        v.put("CAMARA_CLIENT_ID", Variable.noted("(required with CAMARA_API_ROOT)", "OAuth2 client id trustgate was given by the operator."));
        v.put("CAMARA_CLIENT_SECRET", Variable.noted("(required with CAMARA_API_ROOT)", "OAuth2 client secret. Never logged."));
        v.put("CAMARA_SINK_URL", Variable.noted("(required with CAMARA_API_ROOT)", "The https URL operators post SIM-swap "
                + "notices to: this trustgate's /signals/camara/sim-swap as they reach it."));
        v.put("TRUSTGATE_LOG_FORMAT", Variable.defaulting("text", "text, or json for one JSON object per log line (for log platforms)."));
        return java.util.Collections.unmodifiableMap(v);
    }

    /** Reads the configuration from {@code environment}, then {@code file} for what the environment lacks. */
    public static Config load(Map<String, String> environment, Optional<Path> file) {
        Map<String, String> values = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        if (file.isPresent()) {
            Properties properties = new Properties();
            try (Reader reader = Files.newBufferedReader(file.get(), StandardCharsets.UTF_8)) {
                properties.load(reader);
                properties.stringPropertyNames().forEach(name -> values.put(name, properties.getProperty(name).trim()));
            } catch (java.nio.file.NoSuchFileException e) {
                throw new ConfigException(List.of("--config " + file.get() + ": no such file"));
            } catch (java.nio.file.AccessDeniedException e) {
                throw new ConfigException(List.of("--config " + file.get() + ": not readable (permission denied)"));
            } catch (IOException | IllegalArgumentException e) {
                throw new ConfigException(List.of("--config " + file.get() + ": cannot be read as a properties file ("
                        + e.getMessage() + ")"));
            }
            values.keySet().stream().filter(k -> !VARIABLES.containsKey(k)).sorted()
                    .forEach(k -> problems.add("--config " + file.get() + ": unknown setting " + k));
        }
        environment.forEach((name, value) -> {
            if (VARIABLES.containsKey(name) && value != null && !value.isBlank()) {
                values.put(name, value.trim());
            }
        });
        return new Reader0(values, problems).read();
    }

    /** Reads and validates the values, collecting every problem before failing. */
    private static final class Reader0 {
        private final Map<String, String> values;
        private final List<String> problems;

        Reader0(Map<String, String> values, List<String> problems) {
            this.values = values;
            this.problems = problems;
        }

        Optional<String> get(String name) {
            return Optional.ofNullable(values.get(name));
        }

        /** The value set, or the default {@link #VARIABLES} gives {@code name}. */
        String value(String name) {
            return get(name).orElseGet(() -> VARIABLES.get(name).defaultValue()
                    .orElseThrow(() -> new IllegalArgumentException(name + " has no default value")));
        }

        /** A whole number from {@code min} to {@code max}; else a problem is added (and the start fails). */
        int integer(String name, int min, int max) {
            String value = value(name);
            try {
                int parsed = Integer.parseInt(value);
                if (parsed < min || parsed > max) {
                    problems.add(name + "=" + value + ": must be between " + min + " and " + max);
                }
                return parsed;
            } catch (NumberFormatException e) {
                problems.add(name + "=" + value + ": must be a whole number");
                return min;
            }
        }

        /** {@code 7d}, {@code 36h}, {@code 90m}, or an ISO-8601 duration such as {@code P7D} or {@code PT36H}. */
        Duration duration(String name, Duration min, Duration max) {
            String value = value(name);
            Duration parsed;
            try {
                java.util.regex.Matcher short0 = java.util.regex.Pattern.compile("([0-9]{1,9})([dhm])").matcher(value.toLowerCase(Locale.ROOT));
                if (short0.matches()) {
                    long amount = Long.parseLong(short0.group(1));
                    parsed = switch (short0.group(2)) {
                        case "d" -> Duration.ofDays(amount);
                        case "h" -> Duration.ofHours(amount);
                        default -> Duration.ofMinutes(amount);
                    };
                } else {
                    parsed = Duration.parse(value.toUpperCase(Locale.ROOT));
                }
            } catch (java.time.format.DateTimeParseException e) {
                problems.add(name + "=" + value + ": must be a duration such as 7d, 36h or P7D");
                return min;
            }
            if (parsed.compareTo(min) < 0 || parsed.compareTo(max) > 0) {
                problems.add(name + "=" + value + ": must be at least " + min.toHours() + "h and at most " + max.toDays() + "d");
            }
            return parsed;
        }

        Optional<URI> url(String name) {
            return get(name).flatMap(value -> url(name + "=" + value, value));
        }

        /** {@code value} as an http(s) URL; else a problem, introduced by {@code what}, is added. */
        Optional<URI> url(String what, String value) {
            try {
                URI uri = new URI(value);
                if (uri.getScheme() == null || !uri.getScheme().matches("https?") || uri.getHost() == null) {
                    problems.add(what + ": must be an http:// or https:// URL");
                    return Optional.empty();
                }
                return Optional.of(uri);
            } catch (java.net.URISyntaxException e) {
                problems.add(what + ": is not a URL");
                return Optional.empty();
            }
        }

        /**
         * A relay URL: an http(s) URL without credentials (the relay would refuse to send to one); a problem
         * is introduced by {@code what}, or by {@code named} where the value must not be shown.
         */
        Optional<URI> relayUrl(String what, String named, String value) {
            Optional<URI> url = url(what, value);
            if (url.isPresent() && url.get().getRawUserInfo() != null) {
                problems.add(named + ": must not carry credentials (user:password@)");
                return Optional.empty();
            }
            return url;
        }

        /** {@code <phone_number_id>=<url>,…}: the business numbers with a relay URL of their own. */
        Map<BusinessNumberId, URI> relayUrls(String name) {
            Map<BusinessNumberId, URI> urls = new LinkedHashMap<>();
            for (String item : get(name).orElse("").split(",")) {
                String trimmed = item.strip();
                int equals = trimmed.indexOf('=');
                if (trimmed.isEmpty()) {
                    continue;
                }
                if (equals < 0) {
                    problems.add(name + ": " + trimmed + ": must be <phone_number_id>=<url>");
                    continue;
                }
                String number = trimmed.substring(0, equals).strip();
                BusinessNumberId business;
                try {
                    business = new BusinessNumberId(number);
                } catch (IllegalArgumentException e) {
                    problems.add(name + ": " + trimmed + ": " + number + " is not a phone number id (digits only)");
                    continue;
                }
                if (urls.containsKey(business)) {
                    problems.add(name + ": " + number + " is given more than once");
                    continue;
                }
                relayUrl(name + ": " + trimmed, name + ": " + number + "=…", trimmed.substring(equals + 1).strip())
                        .ifPresent(url -> urls.put(business, url));
            }
            return java.util.Collections.unmodifiableMap(urls);
        }

        Config read() {
            String host = value("TRUSTGATE_HOST");
            int port = integer("TRUSTGATE_PORT", 0, 65535);
            int poolSize = integer("TRUSTGATE_DB_POOL_SIZE", 2, 500);
            String dbUrl = value("TRUSTGATE_DB_URL");
            DatabaseSettings database = null;
            try {
                database = new DatabaseSettings(dbUrl, get("TRUSTGATE_DB_USER").orElse(null),
                        get("TRUSTGATE_DB_PASSWORD").orElse(null), poolSize, Duration.ofSeconds(3));
            } catch (IllegalArgumentException e) {
                problems.add("TRUSTGATE_DB_URL: " + e.getMessage());
            }
            Optional<String> accessToken = get("WHATSAPP_ACCESS_TOKEN");
            Provider provider = provider(accessToken.isPresent());
            WhatsAppMode mode = provider == Provider.DRY_RUN ? WhatsAppMode.DRY_RUN : WhatsAppMode.LIVE;
            if (provider == Provider.CLOUD_API && accessToken.isEmpty()) {
                problems.add(get("TRUSTGATE_WHATSAPP_PROVIDER").isPresent()
                        ? "WHATSAPP_ACCESS_TOKEN: required when TRUSTGATE_WHATSAPP_PROVIDER=cloud-api"
                        : "WHATSAPP_ACCESS_TOKEN: required when TRUSTGATE_WHATSAPP_MODE=live");
            }
            Optional<String> appSecret = get("WHATSAPP_APP_SECRET");
            Optional<String> verifyToken = get("WHATSAPP_VERIFY_TOKEN");
            if (provider == Provider.CLOUD_API && appSecret.isEmpty()) {
                problems.add("WHATSAPP_APP_SECRET: required in live mode (it verifies every webhook's signature)");
            }
            if (provider == Provider.CLOUD_API && verifyToken.isEmpty()) {
                problems.add("WHATSAPP_VERIFY_TOKEN: required in live mode (WhatsApp's subscription handshake presents it)");
            }
            if (!provider.metaWebhooks()) {
                String with = " is not used with TRUSTGATE_WHATSAPP_PROVIDER=" + provider.code();
                Map<String, String> unused = new LinkedHashMap<>();
                unused.put("WHATSAPP_ACCESS_TOKEN", "Meta's access token" + with + "; remove it");
                unused.put("WHATSAPP_APP_SECRET", "Meta's webhook secret" + with + " (its webhooks come to a secret path instead); remove it");
                unused.put("WHATSAPP_VERIFY_TOKEN", "Meta's subscription token" + with + " (its webhooks come to a secret path "
                        + "instead); remove it");
                unused.put("TRUSTGATE_ON_PREMISES_PHONE_NUMBER_ID", "the On-Premises API's webhook number" + with + "; remove it");
                unused.forEach((name, why) -> {
                    if (values.containsKey(name)) {
                        problems.add(name + ": " + why);
                    }
                });
            }
            Optional<Dialog360> dialog360 = provider == Provider.DIALOG_360 ? dialog360() : Optional.empty();
            Optional<Infobip> infobip = provider == Provider.INFOBIP ? infobip() : Optional.empty();
            otherProviders(provider);
            URI graphUrl = url("WHATSAPP_GRAPH_URL").orElseGet(() -> URI.create(value("WHATSAPP_GRAPH_URL")));
            String graphVersion = value("WHATSAPP_GRAPH_VERSION");
            if (!graphVersion.matches("v[0-9]+\\.[0-9]+")) {
                problems.add("WHATSAPP_GRAPH_VERSION=" + graphVersion + ": must look like v25.0");
            }
            Optional<String> adminKey = get("TRUSTGATE_ADMIN_KEY");
            if (adminKey.isPresent() && adminKey.get().length() < 24) {
                problems.add("TRUSTGATE_ADMIN_KEY: must be at least 24 characters");
            }
            SubscriptionUrls subscriptionUrls = SubscriptionUrls.ANY;
            String urls = value("TRUSTGATE_SUBSCRIPTION_URLS");
            switch (urls.toLowerCase(Locale.ROOT)) {
                case "any" -> subscriptionUrls = SubscriptionUrls.ANY;
                case "public-only" -> subscriptionUrls = SubscriptionUrls.PUBLIC_ONLY;
                default -> problems.add("TRUSTGATE_SUBSCRIPTION_URLS=" + urls + ": must be any or public-only");
            }
            int maxWebhookBytes = integer("TRUSTGATE_MAX_WEBHOOK_BYTES", 1024, 64 * 1_048_576);
            int whatsAppTimeout = integer("WHATSAPP_TIMEOUT_SECONDS", 1, 120);
            Optional<URI> relayUrl = get("TRUSTGATE_RELAY_URL").flatMap(value -> relayUrl("TRUSTGATE_RELAY_URL=" + value,
                    "TRUSTGATE_RELAY_URL", value));
            Map<BusinessNumberId, URI> relayUrls = relayUrls("TRUSTGATE_RELAY_URLS");
            Duration outboxRetention = duration("TRUSTGATE_OUTBOX_RETENTION", Duration.ofHours(1), Duration.ofDays(3650));
            Optional<dev.trustgate.domain.BusinessNumberId> onPremisesNumber = Optional.empty();
            Optional<String> onPremises = get("TRUSTGATE_ON_PREMISES_PHONE_NUMBER_ID");
            if (onPremises.isPresent()) {
                try {
                    onPremisesNumber = Optional.of(new dev.trustgate.domain.BusinessNumberId(onPremises.get()));
                } catch (IllegalArgumentException e) {
                    problems.add("TRUSTGATE_ON_PREMISES_PHONE_NUMBER_ID=" + onPremises.get() + ": must be a phone_number_id (digits)");
                }
            }
            int groupCommitWriters = integer("TRUSTGATE_GROUP_COMMIT_WRITERS", 1, 32);
            int groupCommitBatch = integer("TRUSTGATE_GROUP_COMMIT_BATCH", 1, 1000);
            LogFormat logFormat = LogFormat.TEXT;
            String format = value("TRUSTGATE_LOG_FORMAT");
            switch (format.toLowerCase(Locale.ROOT)) {
                case "text" -> logFormat = LogFormat.TEXT;
                case "json" -> logFormat = LogFormat.JSON;
                default -> problems.add("TRUSTGATE_LOG_FORMAT=" + format + ": must be text or json");
            }
            if (!provider.metaWebhooks() && (relayUrl.isPresent() || !relayUrls.isEmpty()) && get("TRUSTGATE_RELAY_SECRET").isEmpty()) {
                problems.add("TRUSTGATE_RELAY_SECRET: required with a relay URL when TRUSTGATE_WHATSAPP_PROVIDER=" + provider.code()
                        + " (there is no Meta app secret to re-sign relayed webhooks with)");
            }
            List<String> sinkCredentials = sinkCredentials("CAMARA_SINK_CREDENTIAL");
            Optional<Camara> camara = camara(sinkCredentials);
            if (!problems.isEmpty()) {
                throw new ConfigException(problems);
            }
            // Behind 360dialog or Infobip no Meta-signed webhook is taken: the app secret is one nobody knows.
            String webhookSecret = provider.metaWebhooks() ? appSecret.orElse(DEVELOPMENT_APP_SECRET) : unguessable();
            return new Config(host, port, database, !values.containsKey("TRUSTGATE_DB_URL"), mode,
                    webhookSecret, verifyToken.orElse(provider.metaWebhooks() ? DEVELOPMENT_VERIFY_TOKEN : unguessable()),
                    provider.metaWebhooks() && (appSecret.isEmpty() || verifyToken.isEmpty()), accessToken, graphUrl, graphVersion,
                    adminKey, relayUrl, relayUrls, get("TRUSTGATE_RELAY_SECRET"), get("TRUSTGATE_METRICS_KEY"), subscriptionUrls,
                    maxWebhookBytes, java.time.Duration.ofSeconds(whatsAppTimeout), outboxRetention, onPremisesNumber,
                    groupCommitWriters, groupCommitBatch, logFormat, provider, dialog360, infobip, sinkCredentials, camara);
        }

        /** The operator's API, when {@code CAMARA_API_ROOT} is set: then its credentials and a sink are required. */
        Optional<Camara> camara(List<String> sinkCredentials) {
            List<String> others = List.of("CAMARA_TOKEN_URL", "CAMARA_CLIENT_ID", "CAMARA_CLIENT_SECRET", "CAMARA_SINK_URL");
            if (get("CAMARA_API_ROOT").isEmpty()) {
                others.stream().filter(values::containsKey).forEach(name -> problems.add(name + ": only used with CAMARA_API_ROOT "
                        + "(the mobile operator's API), which is not set"));
                return Optional.empty();
            }
            // without user:password@: a problem, or the logged settings, would show it
            Optional<URI> apiRoot = get("CAMARA_API_ROOT").flatMap(v -> relayUrl("CAMARA_API_ROOT=" + v, "CAMARA_API_ROOT", v));
            Optional<URI> tokenUrl = get("CAMARA_TOKEN_URL").flatMap(v -> relayUrl("CAMARA_TOKEN_URL=" + v, "CAMARA_TOKEN_URL", v));
            Optional<URI> sinkUrl = get("CAMARA_SINK_URL").flatMap(v -> relayUrl("CAMARA_SINK_URL=" + v, "CAMARA_SINK_URL", v));
            others.stream().filter(name -> !values.containsKey(name))
                    .forEach(name -> problems.add(name + ": required when CAMARA_API_ROOT is set"));
            if (sinkCredentials.isEmpty()) {
                problems.add("CAMARA_SINK_CREDENTIAL: required when CAMARA_API_ROOT is set (it is given to the operator with every "
                        + "subscription)");
            }
            if (sinkUrl.isPresent() && !secure(sinkUrl.get())) {
                problems.add("CAMARA_SINK_URL=" + sinkUrl.get() + ": must be an https:// URL (CAMARA subscriptions take only "
                        + "https sinks; http only on the loopback, for tests)");
            }
            // the token endpoint is sent the client secret, the API every token and, with each subscription, the sink credential
            if (apiRoot.isPresent() && !secure(apiRoot.get())) {
                problems.add("CAMARA_API_ROOT=" + apiRoot.get() + ": must be an https:// URL (its calls carry the access token and "
                        + "the sink credential; http only on the loopback, for tests)");
            }
            if (tokenUrl.isPresent() && !secure(tokenUrl.get())) {
                problems.add("CAMARA_TOKEN_URL=" + tokenUrl.get() + ": must be an https:// URL (it is sent the client secret; http "
                        + "only on the loopback, for tests)");
            }
            if (apiRoot.isEmpty() || tokenUrl.isEmpty() || sinkUrl.isEmpty() || get("CAMARA_CLIENT_ID").isEmpty()
                    || get("CAMARA_CLIENT_SECRET").isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new Camara(apiRoot.get(), tokenUrl.get(), get("CAMARA_CLIENT_ID").get(), get("CAMARA_CLIENT_SECRET").get(),
                    sinkUrl.get()));
        }

        /** Whether {@code url} keeps what it carries private: https, or http on the loopback (tests). */
        private static boolean secure(URI url) {
            return "https".equals(url.getScheme()) || List.of("localhost", "127.0.0.1", "[::1]").contains(url.getHost());
        }

        /**
         * Sink credentials, comma-separated: each long enough not to be guessed and of characters a bearer token
         * carries; a problem never repeats one (they are secrets).
         */
        List<String> sinkCredentials(String name) {
            List<String> credentials = new ArrayList<>();
            String[] items = get(name).orElse("").split(",");
            for (int i = 0; i < items.length; i++) {
                String credential = items[i].strip();
                if (credential.isEmpty()) {
                    continue;
                }
                if (!SINK_CREDENTIAL.matcher(credential).matches()) {
                    problems.add(name + ": credential " + (i + 1) + " must be " + SINK_CREDENTIAL_RULE);
                } else if (credentials.contains(credential)) {
                    problems.add(name + ": credential " + (i + 1) + " is given twice");
                } else {
                    credentials.add(credential);
                }
            }
            return List.copyOf(credentials);
        }

        /**
         * {@code TRUSTGATE_WHATSAPP_PROVIDER}, or what {@code TRUSTGATE_WHATSAPP_MODE} and an access token imply: the
         * Cloud API with a token, dry-run without. The two variables must not contradict each other.
         */
        Provider provider(boolean accessToken) {
            Optional<String> modeValue = get("TRUSTGATE_WHATSAPP_MODE");
            Optional<WhatsAppMode> mode = Optional.empty();
            if (modeValue.isPresent()) {
                switch (modeValue.get().toLowerCase(Locale.ROOT)) {
                    case "live" -> mode = Optional.of(WhatsAppMode.LIVE);
                    case "dry-run" -> mode = Optional.of(WhatsAppMode.DRY_RUN);
                    default -> problems.add("TRUSTGATE_WHATSAPP_MODE=" + modeValue.get() + ": must be live or dry-run");
                }
            }
            Optional<String> named = get("TRUSTGATE_WHATSAPP_PROVIDER");
            if (named.isEmpty()) {
                return mode.orElse(accessToken ? WhatsAppMode.LIVE : WhatsAppMode.DRY_RUN) == WhatsAppMode.LIVE
                        ? Provider.CLOUD_API : Provider.DRY_RUN;
            }
            Optional<Provider> provider = java.util.Arrays.stream(Provider.values())
                    .filter(p -> p.code().equals(named.get().toLowerCase(Locale.ROOT))).findFirst();
            if (provider.isEmpty()) {
                problems.add("TRUSTGATE_WHATSAPP_PROVIDER=" + named.get() + ": must be cloud-api, 360dialog, infobip or dry-run");
                return Provider.DRY_RUN;
            }
            if (mode.isPresent() && (mode.get() == WhatsAppMode.DRY_RUN) != (provider.get() == Provider.DRY_RUN)) {
                problems.add("TRUSTGATE_WHATSAPP_MODE=" + modeValue.get() + ": contradicts TRUSTGATE_WHATSAPP_PROVIDER="
                        + provider.get().code() + " (set only the provider)");
            }
            return provider.get();
        }

        /** 360dialog's settings: every business number with a key has a webhook secret of its own, and the reverse. */
        Optional<Dialog360> dialog360() {
            URI baseUrl = url("D360_BASE_URL").orElseGet(() -> URI.create(value("D360_BASE_URL")));
            if (get("D360_API_KEYS").isEmpty()) {
                problems.add("D360_API_KEYS: required when TRUSTGATE_WHATSAPP_PROVIDER=360dialog (<phone_number_id>=<D360-API-KEY>,…)");
            }
            if (get("D360_WEBHOOK_SECRETS").isEmpty()) {
                problems.add("D360_WEBHOOK_SECRETS: required when TRUSTGATE_WHATSAPP_PROVIDER=360dialog (<phone_number_id>=<secret of "
                        + PATH_SECRET_RULE + ">,…)");
            }
            Map<BusinessNumberId, String> keys = numbered("D360_API_KEYS", value -> Optional.empty());
            Map<BusinessNumberId, String> secrets = numbered("D360_WEBHOOK_SECRETS", value -> PATH_SECRET.matcher(value).matches()
                    ? Optional.empty() : Optional.of("must be " + PATH_SECRET_RULE + " (it is part of the webhook URL)"));
            Map<String, BusinessNumberId> owners = new java.util.HashMap<>();
            secrets.forEach((number, secret) -> {
                if (!secret.isEmpty() && owners.putIfAbsent(secret, number) != null) {
                    problems.add("D360_WEBHOOK_SECRETS: " + number + " has the same secret as another business number; each needs its own");
                }
            });
            keys.keySet().stream().filter(number -> !secrets.containsKey(number)).forEach(number -> problems.add(
                    "D360_WEBHOOK_SECRETS: " + number + " has a key in D360_API_KEYS but no webhook secret"));
            secrets.keySet().stream().filter(number -> !keys.containsKey(number)).forEach(number -> problems.add(
                    "D360_API_KEYS: " + number + " has a webhook secret in D360_WEBHOOK_SECRETS but no key"));
            return keys.isEmpty() ? Optional.empty() : Optional.of(new Dialog360(baseUrl, keys, secrets));
        }

        /** Infobip's settings. */
        Optional<Infobip> infobip() {
            Optional<URI> baseUrl = url("INFOBIP_BASE_URL");
            if (get("INFOBIP_BASE_URL").isEmpty()) {
                problems.add("INFOBIP_BASE_URL: required when TRUSTGATE_WHATSAPP_PROVIDER=infobip (https://<id>.api.infobip.com)");
            }
            Optional<String> apiKey = get("INFOBIP_API_KEY");
            if (apiKey.isEmpty()) {
                problems.add("INFOBIP_API_KEY: required when TRUSTGATE_WHATSAPP_PROVIDER=infobip (the API key, sent as "
                        + "Authorization: App <key>)");
            }
            Optional<String> secret = get("INFOBIP_WEBHOOK_SECRET");
            if (secret.isEmpty()) {
                problems.add("INFOBIP_WEBHOOK_SECRET: required when TRUSTGATE_WHATSAPP_PROVIDER=infobip (a secret of "
                        + PATH_SECRET_RULE + ")");
            } else if (!PATH_SECRET.matcher(secret.get()).matches()) {
                problems.add("INFOBIP_WEBHOOK_SECRET: must be " + PATH_SECRET_RULE + " (it is part of the webhook URL)");
            }
            boolean identityChange = false;
            String addOn = value("INFOBIP_IDENTITY_CHANGE");
            switch (addOn.toLowerCase(Locale.ROOT)) {
                case "enabled" -> identityChange = true;
                case "disabled" -> identityChange = false;
                default -> problems.add("INFOBIP_IDENTITY_CHANGE=" + addOn + ": must be enabled or disabled");
            }
            if (baseUrl.isEmpty() || apiKey.isEmpty() || secret.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new Infobip(baseUrl.get(), apiKey.get(), identityChange, secret.get()));
        }

        /** A provider's own settings given while another provider is configured: a mistake, not something to ignore. */
        void otherProviders(Provider provider) {
            Map<Provider, List<String>> owned = Map.of(
                    Provider.DIALOG_360, List.of("D360_BASE_URL", "D360_API_KEYS", "D360_WEBHOOK_SECRETS"),
                    Provider.INFOBIP, List.of("INFOBIP_BASE_URL", "INFOBIP_API_KEY", "INFOBIP_WEBHOOK_SECRET", "INFOBIP_IDENTITY_CHANGE"));
            for (Provider owner : List.of(Provider.DIALOG_360, Provider.INFOBIP)) {
                if (owner == provider) {
                    continue;
                }
                owned.get(owner).stream().filter(values::containsKey).forEach(name -> problems.add(name + ": only used when "
                        + "TRUSTGATE_WHATSAPP_PROVIDER=" + owner.code() + " (the provider is " + provider.code() + ")"));
            }
        }

        /**
         * {@code <phone_number_id>=<value>,…}; {@code invalid} says what is wrong with a value, if anything. No value is
         * ever repeated in a problem (they are keys and secrets).
         */
        Map<BusinessNumberId, String> numbered(String name, java.util.function.Function<String, Optional<String>> invalid) {
            Map<BusinessNumberId, String> found = new LinkedHashMap<>();
            for (String item : get(name).orElse("").split(",")) {
                String trimmed = item.strip();
                if (trimmed.isEmpty()) {
                    continue;
                }
                int equals = trimmed.indexOf('=');
                String number = equals < 0 ? trimmed : trimmed.substring(0, equals).strip();
                if (equals < 0) {
                    problems.add(name + ": an item without = (must be <phone_number_id>=<value>)");
                    continue;
                }
                BusinessNumberId business;
                try {
                    business = new BusinessNumberId(number);
                } catch (IllegalArgumentException e) {
                    problems.add(name + ": an item's phone number id is not digits (must be <phone_number_id>=<value>)");
                    continue;
                }
                if (found.containsKey(business)) {
                    problems.add(name + ": " + number + " is given more than once");
                    continue;
                }
                String value = trimmed.substring(equals + 1).strip();
                if (value.isEmpty()) {
                    problems.add(name + ": " + number + "=…: the value is empty");
                    continue;
                }
                Optional<String> wrong = invalid.apply(value);
                wrong.ifPresent(why -> problems.add(name + ": " + number + "=…: " + why));
                found.put(business, wrong.isPresent() ? "" : value);
            }
            return java.util.Collections.unmodifiableMap(found);
        }

        private static String unguessable() {
            byte[] bytes = new byte[32];
            new java.security.SecureRandom().nextBytes(bytes);
            return java.util.HexFormat.of().formatHex(bytes);
        }
    }

    @Override
    public String toString() {
        return "Config[" + host + ":" + port + ", db=" + database.maskedUrl() + ", whatsApp=" + whatsAppMode + " " + provider.code()
                + "]";
    }
}
