package dev.trustgate.application.service;

import dev.trustgate.application.Caller;
import dev.trustgate.application.Sha256;
import dev.trustgate.application.TrustgateException;
import dev.trustgate.application.port.in.ManageApiKeysUseCase;
import dev.trustgate.application.port.out.ApiKey;
import dev.trustgate.application.port.out.ApiKeyStore;
import dev.trustgate.application.port.out.Clock;
import dev.trustgate.application.port.out.IdGenerator;
import dev.trustgate.application.port.out.SubscriptionStore;
import dev.trustgate.application.port.out.Transactions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * API keys: {@code tg_} + 32 random bytes (base64url), stored only as their SHA-256 ({@link AuthenticateApiKeyService}
 * finds a key by it). The admin key is configured or generated on first start. A subscription lives no
 * longer than the key that created it: revoking a key disables its subscriptions in the same
 * transaction, so nothing more is queued for them and what was queued is dropped unsent.
 */
public final class ManageApiKeysService implements ManageApiKeysUseCase {

    /** The id of the admin key, configured or generated. */
    public static final String ADMIN_KEY_ID = "admin";

    private final Transactions transactions;
    private final ApiKeyStore keys;
    private final SubscriptionStore subscriptions;
    private final IdGenerator ids;
    private final Clock clock;
    private final SecureRandom random;
    private final ApiKeyCache cache;

    public ManageApiKeysService(Transactions transactions, ApiKeyStore keys, SubscriptionStore subscriptions, IdGenerator ids, Clock clock,
                                SecureRandom random, ApiKeyCache cache) {
        this.transactions = transactions;
        this.cache = cache;
        this.keys = keys;
        this.subscriptions = subscriptions;
        this.ids = ids;
        this.clock = clock;
        this.random = random;
    }

    @Override
    public Created create(CreateCommand command) {
        command.caller().requireAdmin();
        String key = newKey();
        ApiKey apiKey = new ApiKey(ids.newId("key"), command.name(), hash(key), false, command.businesses(), clock.now(),
                Optional.empty());
        transactions.inTransaction(() -> {
            keys.save(apiKey);
            return null;
        });
        return new Created(apiKey, key);
    }

    @Override
    public List<ApiKey> list(Caller caller) {
        caller.requireAdmin();
        return transactions.inTransaction(keys::list);
    }

    @Override
    public void revoke(Caller caller, String id) {
        caller.requireAdmin();
        if (ADMIN_KEY_ID.equals(id)) {
            throw new IllegalArgumentException("the admin key is replaced by configuring TRUSTGATE_ADMIN_KEY, not revoked");
        }
        boolean revoked = transactions.inTransaction(() -> {
            if (!keys.revoke(id, clock.now())) {
                return false;
            }
            subscriptions.list().stream().filter(s -> s.enabled() && s.ownerKeyId().equals(id))
                    .forEach(s -> subscriptions.save(s.disabled()));
            return true;
        });
        if (!revoked) {
            throw TrustgateException.notFound("api key");
        }
        cache.forget(id); // after the commit: from now on this node looks the key up again, and finds it revoked
    }

    /** Where the admin key in force comes from once the server is up. */
    public enum AdminKeySource {
        /** Generated now and stored as a hash: {@link AdminKeyStatus#shownOnce()} holds it, to be shown this once. */
        GENERATED,
        /** {@code TRUSTGATE_ADMIN_KEY}; it replaced whatever admin key was stored before. */
        CONFIGURED,
        /** Generated at an earlier start and shown then; only its hash is kept. */
        STORED
    }

    /** The admin key after {@link #ensureAdminKey}: where it comes from, and the key itself only when just generated. */
    public record AdminKeyStatus(AdminKeySource source, Optional<String> shownOnce) {
        public AdminKeyStatus {
            if ((source == AdminKeySource.GENERATED) != shownOnce.isPresent()) {
                throw new IllegalArgumentException("only a generated admin key is shown");
            }
        }
    }

    /**
     * Makes sure an admin key exists: stores the hash of {@code configured} when given (replacing an
     * earlier one), otherwise generates one when none is stored. Call it once the server listens, so a
     * generated key is never stored without being shown.
     */
    public AdminKeyStatus ensureAdminKey(Optional<String> configured) {
        AdminKeyStatus status = transactions.inTransaction(() -> {
            Optional<ApiKey> existing = keys.find(ADMIN_KEY_ID);
            if (configured.isPresent()) {
                if (existing.isEmpty() || !existing.get().keyHash().equals(hash(configured.get()))) {
                    keys.save(adminKey(hash(configured.get())));
                }
                return new AdminKeyStatus(AdminKeySource.CONFIGURED, Optional.empty());
            }
            if (existing.isPresent()) {
                return new AdminKeyStatus(AdminKeySource.STORED, Optional.empty());
            }
            String generated = newKey();
            keys.save(adminKey(hash(generated)));
            return new AdminKeyStatus(AdminKeySource.GENERATED, Optional.of(generated));
        });
        cache.forget(ADMIN_KEY_ID); // a replaced admin key stops working on this node at once
        return status;
    }

    private ApiKey adminKey(String keyHash) {
        return new ApiKey(ADMIN_KEY_ID, "admin", keyHash, true, Set.of(), clock.now(), Optional.empty());
    }

    private String newKey() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return "tg_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** How a key is stored: its SHA-256, in hex. */
    static String hash(String key) {
        return Sha256.hex(key);
    }
}
