package com.example.notifications.store;

import dev.trustgate.application.port.out.ConcurrentUpdateException;
import dev.trustgate.application.port.out.StorageUnavailableException;
import dev.trustgate.application.port.out.Transactions;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * The notification service's database transactions, as trustgate's {@link Transactions} port: one JDBC
 * connection per transaction, bound to the thread that runs it, so every store the work touches writes
 * through it and all of it commits or none.
 *
 * <p>It keeps the three rules trustgate's use cases rely on: a store called while no transaction runs on its
 * thread is an {@link IllegalStateException} (never a transaction of its own); a transaction asked for while
 * one runs on the thread is an {@code IllegalStateException} too (joining nested work is trustgate's
 * {@code TransactionScope}, composed over this one); and a failure rolls everything back and is reported as
 * the port says: {@link ConcurrentUpdateException} for a lost race, {@link StorageUnavailableException} for
 * a database that is gone or refused the work.
 */
public final class JdbcTransactions implements Transactions {

    private final DataSource database;
    private final ThreadLocal<Connection> current = new ThreadLocal<>();

    public JdbcTransactions(DataSource database) {
        this.database = database;
    }

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        if (current.get() != null) {
            throw new IllegalStateException("a transaction was started inside another on one thread; nested work joins "
                    + "through TransactionScope.joining");
        }
        Connection connection = open();
        current.set(connection);
        try {
            T result = work.get();
            connection.commit();
            return result;
        } catch (SQLException e) {
            rollback(connection);
            throw Sql.translate(e);
        } catch (RuntimeException | Error e) {
            rollback(connection);
            throw e;
        } finally {
            current.remove();
            close(connection);
        }
    }

    /**
     * The connection of the transaction this thread runs.
     *
     * @throws IllegalStateException when none runs: a store call outside a transaction is its caller's mistake
     */
    Connection connection() {
        Connection connection = current.get();
        if (connection == null) {
            throw new IllegalStateException("a store was called outside a transaction: run it in Transactions.inTransaction");
        }
        return connection;
    }

    private Connection open() {
        try {
            Connection connection = database.getConnection();
            connection.setAutoCommit(false);
            connection.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
            return connection;
        } catch (SQLException e) {
            throw new StorageUnavailableException("no database connection: " + e.getMessage(), e);
        }
    }

    private static void rollback(Connection connection) {
        try {
            connection.rollback();
        } catch (SQLException ignored) {
            // the connection is gone; nothing was committed
        }
    }

    private static void close(Connection connection) {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // already closed
        }
    }
}
