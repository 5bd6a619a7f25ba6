package dev.trustgate.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.trustgate.domain.Actor;
import dev.trustgate.domain.BusinessNumberId;
import dev.trustgate.domain.ContactKey;
import dev.trustgate.domain.ContactNames;
import dev.trustgate.domain.ContactRef;
import dev.trustgate.domain.Fixtures;
import dev.trustgate.domain.TrustEvent;
import dev.trustgate.domain.TrustState;
import dev.trustgate.domain.WaId;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Verifying a business's audit chain reads its events as a stream: every statement that reads the
 * {@code events} table runs with a fetch size, forward only and inside a transaction, which is what makes
 * PostgreSQL's driver fetch the rows in chunks through a cursor instead of loading the whole chain into memory
 * (and what H2 honours too). Watched at the JDBC boundary, on both databases.
 */
class AuditVerifyStreamingTest {

    private static final ContactRef CONTACT = new ContactRef(ContactKey.of("111", "ct_1"), ContactNames.of(new WaId("4915100000001")));

    /** How a statement reading the events table was run. */
    record EventsRead(String sql, int fetchSize, int resultSetType, boolean autoCommit) {
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"H2", "PostgreSQL"})
    void verifyStreamsTheChainInChunksInsideItsTransaction(String vendor) {
        DatabaseSettings settings = vendor.equals("H2")
                ? DatabaseSettings.of("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "")
                : EmbeddedPostgresServer.settings("audit_streaming");
        try (HikariDataSource pool = JdbiStorage.pool(settings)) {
            JdbiStorage.migrate(pool);
            List<EventsRead> reads = new CopyOnWriteArrayList<>();
            JdbiStorage storage = JdbiStorage.on(recording(pool, reads));
            BusinessNumberId business = CONTACT.business();
            int events = 2_500;
            for (int from = 0; from < events; from += 500) {
                List<TrustEvent> batch = IntStream.range(from, from + 500).<TrustEvent>mapToObj(i -> new TrustEvent.TrustRevoked(CONTACT,
                        Fixtures.t(i), new Actor("key_a"), TrustState.UNVERIFIED, "batch " + i)).toList();
                storage.transactions.inTransaction(() -> storage.events.append(business, batch));
            }
            reads.clear();

            assertThat(storage.transactions.inTransaction(() -> storage.events.verify(business)).valid()).isTrue();

            List<EventsRead> chainReads = reads.stream().filter(r -> r.sql().contains("FROM events")).toList();
            assertThat(chainReads).as("the chain is read").isNotEmpty();
            assertThat(chainReads).allSatisfy(read -> {
                assertThat(read.fetchSize()).as("fetch size of %s", read.sql()).isBetween(1, events / 2);
                assertThat(read.resultSetType()).isEqualTo(ResultSet.TYPE_FORWARD_ONLY);
                assertThat(read.autoCommit()).as("inside a transaction").isFalse();
            });
        }
    }

    /** {@code pool}, with every statement executed through it noted in {@code reads} when it reads events. */
    private static DataSource recording(DataSource pool, List<EventsRead> reads) {
        return proxy(DataSource.class, pool, (target, method, args) -> {
            Object result = invoke(target, method, args);
            return result instanceof Connection connection ? recording(connection, reads) : result;
        });
    }

    private static Connection recording(Connection connection, List<EventsRead> reads) {
        return proxy(Connection.class, connection, (target, method, args) -> {
            Object result = invoke(target, method, args);
            if (result instanceof Statement statement && args != null && args.length > 0 && args[0] instanceof String sql) {
                Class<? extends Statement> type = method.getReturnType().asSubclass(Statement.class);
                return recording(type, statement, sql, connection, reads);
            }
            return result;
        });
    }

    private static <S extends Statement> S recording(Class<S> type, Statement statement, String sql, Connection connection,
                                                     List<EventsRead> reads) {
        return proxy(type, type.cast(statement), (target, method, args) -> {
            if (method.getName().startsWith("execute") && sql.contains("FROM events")) {
                reads.add(new EventsRead(sql, statement.getFetchSize(), statement.getResultSetType(), connection.getAutoCommit()));
            }
            return invoke(target, method, args);
        });
    }

    private interface Handler {
        Object handle(Object target, java.lang.reflect.Method method, Object[] args) throws Throwable;
    }

    private static <T> T proxy(Class<T> type, T target, Handler handler) {
        InvocationHandler invocation = (proxy, method, args) -> handler.handle(target, method, args);
        return type.cast(Proxy.newProxyInstance(AuditVerifyStreamingTest.class.getClassLoader(), new Class<?>[]{type}, invocation));
    }

    private static Object invoke(Object target, java.lang.reflect.Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
