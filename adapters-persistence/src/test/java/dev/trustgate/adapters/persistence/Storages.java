package dev.trustgate.adapters.persistence;

import dev.trustgate.application.fakes.InMemoryTrustgate;
import dev.trustgate.application.port.out.ApiKeyStore;
import dev.trustgate.application.port.out.BusinessStore;
import dev.trustgate.application.port.out.ContactStore;
import dev.trustgate.application.port.out.EventLog;
import dev.trustgate.application.port.out.MessageLog;
import dev.trustgate.application.port.out.Outbox;
import dev.trustgate.application.port.out.SimSwapStore;
import dev.trustgate.application.port.out.SubscriptionStore;
import dev.trustgate.application.port.out.Transactions;
import dev.trustgate.application.port.out.WebhookReceipts;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** The three implementations every contract runs against: in-memory fakes, H2 and a real PostgreSQL. */
public final class Storages {

    private static final Map<String, JdbiStorageUnderTest> DATABASES = new ConcurrentHashMap<>();
    static final String[] TABLES = {"business_numbers", "contacts", "contact_names", "event_heads", "events", "webhook_receipts",
            "sent_messages", "held_messages", "outbox", "subscriptions", "api_keys", "sim_swap_subscriptions", "sim_swap_notices",
            "sim_swap_contacts"};

    private Storages() {
    }

    /** The storage implementations a contract runs against. */
    public enum Kind {
        IN_MEMORY, H2, POSTGRESQL;

        StorageUnderTest open(String purpose) {
            return switch (this) {
                case IN_MEMORY -> inMemory();
                case H2 -> h2(purpose);
                case POSTGRESQL -> postgres(purpose);
            };
        }
    }

    static java.util.stream.Stream<Kind> kinds() {
        return java.util.stream.Stream.of(Kind.values());
    }

    public static StorageUnderTest inMemory() {
        return new InMemoryStorageUnderTest();
    }

    /** An H2 in-memory database in PostgreSQL mode, one per purpose. */
    public static StorageUnderTest h2(String purpose) {
        return DATABASES.computeIfAbsent("h2:" + purpose, k -> new JdbiStorageUnderTest("H2",
                JdbiStorage.open(DatabaseSettings.of("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", ""))));
    }

    /** A fresh database on the shared embedded PostgreSQL server, one per purpose. */
    public static StorageUnderTest postgres(String purpose) {
        return DATABASES.computeIfAbsent("pg:" + purpose, k -> new JdbiStorageUnderTest("PostgreSQL",
                JdbiStorage.open(EmbeddedPostgresServer.settings(purpose))));
    }

    /** The JDBI stores of a database. */
    public static JdbiStorage jdbi(StorageUnderTest storage) {
        return ((JdbiStorageUnderTest) storage).storage;
    }

    static final class JdbiStorageUnderTest implements StorageUnderTest {
        private final String name;
        final JdbiStorage storage;

        JdbiStorageUnderTest(String name, JdbiStorage storage) {
            this.name = name;
            this.storage = storage;
        }

        public String name() {
            return name;
        }

        public Transactions transactions() {
            return storage.transactions;
        }

        public ContactStore contacts() {
            return storage.contacts;
        }

        public BusinessStore businesses() {
            return storage.businesses;
        }

        public EventLog events() {
            return storage.events;
        }

        public WebhookReceipts receipts() {
            return storage.receipts;
        }

        public MessageLog messages() {
            return storage.messages;
        }

        public Outbox outbox() {
            return storage.outbox;
        }

        public SubscriptionStore subscriptions() {
            return storage.subscriptions;
        }

        public ApiKeyStore apiKeys() {
            return storage.apiKeys;
        }

        public SimSwapStore simSwaps() {
            return storage.simSwaps;
        }

        public void reset() {
            for (String table : TABLES) {
                execute("DELETE FROM " + table);
            }
        }

        public boolean isDatabase() {
            return true;
        }

        public void execute(String sql) {
            try (var connection = storage.dataSource().getConnection(); var statement = connection.createStatement()) {
                statement.execute(sql);
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(sql, e);
            }
        }
    }

    static final class InMemoryStorageUnderTest implements StorageUnderTest {
        private InMemoryTrustgate core = new InMemoryTrustgate();

        public String name() {
            return "in-memory";
        }

        public Transactions transactions() {
            return core.transactions;
        }

        public ContactStore contacts() {
            return core.contacts;
        }

        public BusinessStore businesses() {
            return core.businesses;
        }

        public EventLog events() {
            return core.events;
        }

        public WebhookReceipts receipts() {
            return core.receipts;
        }

        public MessageLog messages() {
            return core.messages;
        }

        public Outbox outbox() {
            return core.outbox;
        }

        public SubscriptionStore subscriptions() {
            return core.subscriptions;
        }

        public ApiKeyStore apiKeys() {
            return core.apiKeys;
        }

        public SimSwapStore simSwaps() {
            return core.simSwaps;
        }

        public void reset() {
            core = new InMemoryTrustgate();
        }

        public boolean isDatabase() {
            return false;
        }

        public void execute(String sql) {
            throw new UnsupportedOperationException("no SQL on in-memory storage");
        }
    }
}
