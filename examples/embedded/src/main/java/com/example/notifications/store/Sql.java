package com.example.notifications.store;

import dev.trustgate.application.port.out.ConcurrentUpdateException;
import dev.trustgate.application.port.out.StorageUnavailableException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * Plain JDBC in the running transaction: statements with bound parameters, rows mapped by the caller, and
 * SQL failures reported as trustgate's ports expect. Instants are stored as UTC timestamps with nanoseconds,
 * so an event read back hashes exactly as it did when it was sealed.
 */
final class Sql {

    /** Maps the current row of a result. */
    @FunctionalInterface
    interface Row<T> {
        T map(ResultSet rs) throws SQLException;
    }

    private final JdbcTransactions transactions;

    Sql(JdbcTransactions transactions) {
        this.transactions = transactions;
    }

    <T> List<T> list(String sql, Row<T> row, Object... parameters) {
        try (PreparedStatement statement = prepare(sql, parameters); ResultSet rs = statement.executeQuery()) {
            List<T> rows = new ArrayList<>();
            while (rs.next()) {
                rows.add(row.map(rs));
            }
            return rows;
        } catch (SQLException e) {
            throw translate(e);
        }
    }

    <T> Optional<T> one(String sql, Row<T> row, Object... parameters) {
        List<T> rows = list(sql, row, parameters);
        if (rows.size() > 1) {
            throw new IllegalStateException("expected at most one row, got " + rows.size());
        }
        return rows.stream().findFirst();
    }

    int update(String sql, Object... parameters) {
        try (PreparedStatement statement = prepare(sql, parameters)) {
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw translate(e);
        }
    }

    /** {@code n} comma-separated placeholders, for an {@code IN (…)} list. */
    static String placeholders(int n) {
        return String.join(", ", Collections.nCopies(n, "?"));
    }

    static Optional<Instant> instant(ResultSet rs, String column) throws SQLException {
        return Optional.ofNullable(rs.getObject(column, OffsetDateTime.class)).map(OffsetDateTime::toInstant);
    }

    static Optional<String> text(ResultSet rs, String column) throws SQLException {
        return Optional.ofNullable(rs.getString(column));
    }

    private PreparedStatement prepare(String sql, Object... parameters) throws SQLException {
        Connection connection = transactions.connection();
        PreparedStatement statement = connection.prepareStatement(sql);
        try {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, bindable(parameters[i]));
            }
            return statement;
        } catch (SQLException | RuntimeException e) {
            statement.close();
            throw e;
        }
    }

    private static Object bindable(Object value) {
        Object plain = value instanceof Optional<?> optional ? optional.orElse(null) : value;
        return plain instanceof Instant instant ? OffsetDateTime.ofInstant(instant, ZoneOffset.UTC) : plain;
    }

    /**
     * A lost race (a unique key another writer took first, a deadlock, a lock wait that timed out) is a
     * {@link ConcurrentUpdateException}: trustgate retries the use case. Anything else means the database is
     * gone or refused the work: {@link StorageUnavailableException}, nothing applied.
     */
    static RuntimeException translate(SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        if (state.equals("23505") || state.equals("40001") || state.equals("HYT00")) {
            return new ConcurrentUpdateException("the transaction lost a race (" + state + "): " + e.getMessage());
        }
        return new StorageUnavailableException("the database refused the work (" + state + ")", e);
    }
}
