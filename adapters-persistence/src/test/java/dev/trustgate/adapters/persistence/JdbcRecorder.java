package dev.trustgate.adapters.persistence;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * A data source that notes what reaches the JDBC driver through it: the SQL of every statement executed (a
 * batch counts once per execution) and every commit. What a use case costs the database, counted where the
 * database sees it.
 */
final class JdbcRecorder {

    private final List<String> executed = new CopyOnWriteArrayList<>();
    private final AtomicInteger commits = new AtomicInteger();

    /** {@code pool}, with what goes through it noted here. */
    DataSource recording(DataSource pool) {
        return proxy(DataSource.class, pool, (method, args) -> {
            Object result = invoke(pool, method, args);
            return result instanceof Connection connection ? recording(connection) : result;
        });
    }

    /** The SQL of every statement executed since the last {@link #clear}, in order. */
    List<String> executed() {
        return List.copyOf(executed);
    }

    int commits() {
        return commits.get();
    }

    void clear() {
        executed.clear();
        commits.set(0);
    }

    private Connection recording(Connection connection) {
        return proxy(Connection.class, connection, (method, args) -> {
            if (method.getName().equals("commit")) {
                commits.incrementAndGet();
            }
            Object result = invoke(connection, method, args);
            if (result instanceof Statement statement && args != null && args.length > 0 && args[0] instanceof String sql) {
                return recording(method.getReturnType().asSubclass(Statement.class), statement, sql);
            }
            return result;
        });
    }

    private <S extends Statement> S recording(Class<S> type, Statement statement, String sql) {
        return proxy(type, type.cast(statement), (method, args) -> {
            if (method.getName().startsWith("execute")) {
                executed.add(args != null && args.length > 0 && args[0] instanceof String own ? own : sql);
            }
            return invoke(statement, method, args);
        });
    }

    private interface Handler {
        Object handle(Method method, Object[] args) throws Throwable;
    }

    private static <T> T proxy(Class<T> type, T target, Handler handler) {
        InvocationHandler invocation = (proxy, method, args) -> handler.handle(method, args);
        return type.cast(Proxy.newProxyInstance(JdbcRecorder.class.getClassLoader(), new Class<?>[]{type}, invocation));
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
