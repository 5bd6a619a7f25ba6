package dev.trustgate.adapters.persistence;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.MetricsTrackerFactory;
import java.sql.SQLException;
import java.util.Optional;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;

/**
 * Every storage port on one database: a HikariCP pool, the Flyway-migrated schema and the JDBI stores
 * sharing one {@link JdbiTransactions}.
 */
public final class JdbiStorage implements AutoCloseable {

    public final JdbiTransactions transactions;
    public final JdbiContactStore contacts;
    public final JdbiBusinessStore businesses;
    public final JdbiEventLog events;
    public final JdbiWebhookReceipts receipts;
    public final JdbiMessageLog messages;
    public final JdbiOutbox outbox;
    public final JdbiSubscriptionStore subscriptions;
    public final JdbiApiKeyStore apiKeys;
    public final JdbiSimSwapStore simSwaps;
    public final JdbiStatistics statistics;

    private final DataSource dataSource;
    private final AutoCloseable pool;

    private JdbiStorage(DataSource dataSource, AutoCloseable pool, int keptHandles) {
        this.dataSource = dataSource;
        this.pool = pool;
        Jdbi jdbi = JdbiSetup.create(dataSource);
        Runnable evict = dataSource instanceof HikariDataSource hikari
                ? () -> hikari.getHikariPoolMXBean().softEvictConnections() : () -> { };
        transactions = new JdbiTransactions(jdbi, keptHandles, evict);
        contacts = new JdbiContactStore(transactions);
        businesses = new JdbiBusinessStore(transactions);
        events = new JdbiEventLog(transactions);
        receipts = new JdbiWebhookReceipts(transactions);
        messages = new JdbiMessageLog(transactions);
        outbox = new JdbiOutbox(transactions);
        subscriptions = new JdbiSubscriptionStore(transactions);
        apiKeys = new JdbiApiKeyStore(transactions);
        simSwaps = new JdbiSimSwapStore(transactions);
        statistics = new JdbiStatistics(transactions);
    }

    /**
     * Opens the pool and migrates the schema. An H2 file not closed cleanly first gets back the commits H2's
     * own crash recovery would drop.
     *
     * @throws StorageStartException when the database cannot be reached or its schema is newer than this trustgate
     */
    public static JdbiStorage open(DatabaseSettings settings) {
        return open(settings, Optional.empty());
    }

    /**
     * {@link #open(DatabaseSettings)}, with the connection pool reporting its figures (connections active, idle,
     * pending, acquire times) to {@code poolMetrics}, HikariCP's own metrics tracker (e.g. its Micrometer one).
     */
    public static JdbiStorage open(DatabaseSettings settings, Optional<MetricsTrackerFactory> poolMetrics) {
        JdbiSetup.warmUpInBackground();
        settings.h2File().ifPresent(H2CrashRecovery::recoverNewestCommits);
        HikariDataSource pool = pool(settings, poolMetrics);
        try {
            migrate(pool);
        } catch (StorageStartException e) {
            pool.close();
            throw insufficientPrivilege(e).isPresent() ? new StorageStartException(e.getMessage() + "; the database user "
                    + (settings.user() == null ? "" : settings.user() + " ") + "must own the database or be granted CREATE on "
                    + "schema public (PostgreSQL 15 and newer no longer grant that to every user), see docs/operations.md", e) : e;
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
        return new JdbiStorage(pool, pool, settings.maxPoolSize() - 1);
    }

    /** Stores on a data source someone else manages (and migrates). */
    public static JdbiStorage on(DataSource dataSource) {
        return new JdbiStorage(dataSource, () -> { }, 4);
    }

    /** H2's "database may be already in use" (the file is locked by another process). */
    private static final int H2_DATABASE_IN_USE = 90020;

    static HikariDataSource pool(DatabaseSettings settings) {
        return pool(settings, Optional.empty());
    }

    static HikariDataSource pool(DatabaseSettings settings, Optional<MetricsTrackerFactory> metrics) {
        HikariConfig config = new HikariConfig();
        metrics.ifPresent(config::setMetricsTrackerFactory);
        config.setJdbcUrl(settings.url());
        config.setUsername(settings.user());
        config.setPassword(settings.password());
        config.setMaximumPoolSize(settings.maxPoolSize());
        config.setConnectionTimeout(settings.connectionTimeout().toMillis());
        config.setValidationTimeout(Math.min(1000, settings.connectionTimeout().toMillis()));
        config.setPoolName("trustgate");
        config.setAutoCommit(true);
        try {
            return new HikariDataSource(config);
        } catch (RuntimeException e) {
            if (settings.vendor() == DatabaseSettings.Vendor.H2 && sqlCause(e).filter(sql -> sql.getErrorCode() == H2_DATABASE_IN_USE)
                    .isPresent()) {
                throw new DatabaseInUseException(settings.maskedUrl().replaceAll(";.*", ""), e);
            }
            throw new StorageStartException("cannot connect to the database at " + settings.maskedUrl()
                    + (settings.user() == null ? "" : " as " + settings.user()) + ": " + rootMessage(e), e);
        }
    }

    /**
     * Applies pending migrations. Re-running on a migrated database does nothing (and, when every shipped script
     * is applied unchanged, does not even start Flyway); a database migrated by a newer trustgate is refused
     * rather than used.
     */
    public static void migrate(DataSource dataSource) {
        migrate(dataSource, "classpath:db/migration/common");
    }

    static void migrate(DataSource dataSource, String... locations) {
        if (SchemaCheck.isCurrent(dataSource, locations)) {
            return;
        }
        FlywayMigration.run(dataSource, locations);
    }

    static Optional<SQLException> sqlCause(Throwable e) {
        SQLException found = null;
        for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                found = sql;
            }
        }
        return Optional.ofNullable(found);
    }

    /** The failure was PostgreSQL's "insufficient privilege" (SQL state 42501). */
    private static Optional<SQLException> insufficientPrivilege(Throwable e) {
        return sqlCause(e).filter(sql -> "42501".equals(sql.getSQLState()));
    }

    /** True when the database answers now (readiness). */
    public boolean ping() {
        try {
            return transactions.inTransaction(() -> transactions.withDao(Ping.class, Ping::one)) == 1;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** The cheapest statement a database answers. */
    interface Ping {
        @org.jdbi.v3.sqlobject.statement.SqlQuery("SELECT 1")
        int one();
    }

    public DataSource dataSource() {
        return dataSource;
    }

    @Override
    public void close() {
        transactions.close();
        try {
            pool.close();
        } catch (Exception e) {
            throw new IllegalStateException("closing the connection pool failed", e);
        }
    }

    /** The first line of the root cause's message: what an operator needs to read of a failure. */
    public static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return message.lines().findFirst().orElse(message).trim();
    }
}
