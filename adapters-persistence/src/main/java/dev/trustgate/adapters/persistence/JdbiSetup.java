package dev.trustgate.adapters.persistence;

import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.argument.AbstractArgumentFactory;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.config.ConfigRegistry;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;

/** A Jdbi configured as every store expects: SqlObjects, and instants as UTC timestamps with time zone. */
final class JdbiSetup {

    private JdbiSetup() {
    }

    static Jdbi create(DataSource dataSource) {
        return configure(Jdbi.create(dataSource));
    }

    /**
     * Loads, on a thread of its own, the classes {@link #create} and the first statement need (JDBI, its SqlObjects
     * and its SQL parser, about 800 classes), so that this work runs on the second core while the caller opens the
     * database. On another, registers JDBI's statement event with the JVM's flight recorder, which JDBI does on the
     * first statement: that initialises the recorder's metadata, a few hundred milliseconds that would otherwise
     * come after the database is open. Only an optimisation: whatever they have not done is done when needed.
     */
    static void warmUpInBackground() {
        inBackground("trustgate-jdbi-warmup", () -> {
            Jdbi jdbi = configure(Jdbi.create(() -> {
                throw new java.sql.SQLException("never connected");
            }));
            jdbi.getConfig(org.jdbi.v3.core.statement.SqlStatements.class).getSqlParser()
                    .parse("SELECT 1 WHERE :a = :b", null);
        });
        inBackground("trustgate-jfr-warmup", () -> {
            try {
                Class.forName("org.jdbi.v3.core.statement.internal.JfrSupport", true, JdbiSetup.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                // another JDBI: nothing to prepare
            }
        });
    }

    private static void inBackground(String name, Runnable work) {
        Thread thread = new Thread(() -> {
            try {
                work.run();
            } catch (RuntimeException | LinkageError e) {
                // the caller does what is missing
            }
        }, name);
        thread.setDaemon(true);
        thread.start();
    }

    private static Jdbi configure(Jdbi jdbi) {
        jdbi.installPlugin(new SqlObjectPlugin());
        jdbi.registerArgument(new AbstractArgumentFactory<Instant>(Types.TIMESTAMP_WITH_TIMEZONE) {
            @Override
            protected Argument build(Instant value, ConfigRegistry config) {
                return (position, statement, ctx) -> statement.setObject(position, OffsetDateTime.ofInstant(value, ZoneOffset.UTC));
            }
        });
        jdbi.registerColumnMapper(Instant.class, (rs, column, ctx) -> {
            OffsetDateTime time = rs.getObject(column, OffsetDateTime.class);
            return time == null ? null : time.toInstant();
        });
        jdbi.registerRowMapper(JdbiContactStore.ContactRow.class, JdbiContactStore.ContactRow.MAPPER);
        jdbi.registerRowMapper(JdbiContactStore.NameRow.class, JdbiContactStore.NameRow.MAPPER);
        jdbi.registerRowMapper(JdbiContactStore.DepartureRow.class, JdbiContactStore.DepartureRow.MAPPER);
        jdbi.registerRowMapper(JdbiBusinessStore.BusinessRow.class, JdbiBusinessStore.BusinessRow.MAPPER);
        jdbi.registerRowMapper(JdbiEventLog.EventRow.class, JdbiEventLog.EventRow.MAPPER);
        jdbi.registerRowMapper(dev.trustgate.application.port.out.EventLog.Head.class, JdbiEventLog.HEAD_MAPPER);
        jdbi.registerRowMapper(JdbiEventLog.ChainRow.class, JdbiEventLog.ChainRow.MAPPER);
        jdbi.registerRowMapper(JdbiMessageLog.SentRow.class, JdbiMessageLog.SentRow.MAPPER);
        jdbi.registerRowMapper(JdbiMessageLog.HeldRow.class, JdbiMessageLog.HeldRow.MAPPER);
        jdbi.registerRowMapper(JdbiOutbox.OutboxRow.class, JdbiOutbox.OutboxRow.MAPPER);
        jdbi.registerRowMapper(JdbiSubscriptionStore.SubscriptionRow.class, JdbiSubscriptionStore.SubscriptionRow.MAPPER);
        jdbi.registerRowMapper(JdbiApiKeyStore.ApiKeyRow.class, JdbiApiKeyStore.ApiKeyRow.MAPPER);
        jdbi.registerRowMapper(JdbiSimSwapStore.SubscriptionRow.class, JdbiSimSwapStore.SubscriptionRow.MAPPER);
        return jdbi;
    }
}
