package dev.trustgate.adapters.persistence;

import dev.trustgate.application.port.out.ApiKey;
import dev.trustgate.application.port.out.ApiKeyStore;
import dev.trustgate.application.port.out.ConcurrentUpdateException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** API keys in {@code api_keys}: only the SHA-256 of each key is stored. */
public final class JdbiApiKeyStore implements ApiKeyStore {

    interface Dao {
        String COLUMNS = "id, name, key_hash, admin, phone_number_ids, created_at, revoked_at";

        @SqlUpdate("UPDATE api_keys SET name = :name, key_hash = :keyHash, admin = :admin, phone_number_ids = :phoneNumberIds, "
                + "revoked_at = :revokedAt WHERE id = :id")
        int update(@BindMethods ApiKeyRow row);

        @SqlUpdate("INSERT INTO api_keys (" + COLUMNS + ") VALUES (:id, :name, :keyHash, :admin, :phoneNumberIds, :createdAt, "
                + ":revokedAt) ON CONFLICT DO NOTHING")
        int insert(@BindMethods ApiKeyRow row);

        @SqlQuery("SELECT " + COLUMNS + " FROM api_keys WHERE key_hash = :hash")
        Optional<ApiKeyRow> findByHash(@Bind("hash") String hash);

        @SqlQuery("SELECT " + COLUMNS + " FROM api_keys WHERE id = :id")
        Optional<ApiKeyRow> find(@Bind("id") String id);

        @SqlQuery("SELECT " + COLUMNS + " FROM api_keys ORDER BY created_at, id")
        List<ApiKeyRow> all();

        @SqlUpdate("UPDATE api_keys SET revoked_at = :at WHERE id = :id AND revoked_at IS NULL")
        int revoke(@Bind("id") String id, @Bind("at") Instant at);
    }

    /** One row of {@code api_keys}. */
    public record ApiKeyRow(String id, String name, String keyHash, boolean admin, String phoneNumberIds, Instant createdAt,
                            Instant revokedAt) {
        static final RowMapper<ApiKeyRow> MAPPER = (rs, ctx) -> new ApiKeyRow(rs.getString("id"), rs.getString("name"), rs.getString("key_hash"),
                rs.getBoolean("admin"), rs.getString("phone_number_ids"), Columns.instant(rs, "created_at"),
                Columns.instant(rs, "revoked_at"));

        static ApiKeyRow fromDomain(ApiKey k) {
            return new ApiKeyRow(k.id(), k.name(), k.keyHash(), k.admin(), Columns.list(k.businesses()), k.createdAt(),
                    k.revokedAt().orElse(null));
        }

        ApiKey toDomain() {
            return new ApiKey(id, name, keyHash, admin, Columns.businesses(phoneNumberIds), createdAt,
                    Optional.ofNullable(revokedAt));
        }
    }

    private final JdbiTransactions transactions;

    public JdbiApiKeyStore(JdbiTransactions transactions) {
        this.transactions = transactions;
    }

    @Override
    public void save(ApiKey key) {
        ApiKeyRow row = ApiKeyRow.fromDomain(key);
        int written = transactions.withDao(Dao.class, dao -> {
            return dao.update(row) == 1 ? 1 : dao.insert(row);
        });
        if (written != 1) {
            throw new ConcurrentUpdateException("api key " + key.id() + " clashes with an existing key");
        }
    }

    @Override
    public Optional<ApiKey> findByHash(String keyHash) {
        return transactions.withDao(Dao.class, dao -> dao.findByHash(keyHash)).map(ApiKeyRow::toDomain);
    }

    @Override
    public Optional<ApiKey> find(String id) {
        return transactions.withDao(Dao.class, dao -> dao.find(id)).map(ApiKeyRow::toDomain);
    }

    @Override
    public List<ApiKey> list() {
        return transactions.withDao(Dao.class, dao -> dao.all()).stream().map(ApiKeyRow::toDomain).toList();
    }

    @Override
    public boolean revoke(String id, Instant at) {
        return transactions.withDao(Dao.class, dao -> dao.revoke(id, at)) == 1;
    }
}
