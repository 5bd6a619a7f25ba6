package com.example.notifications;

import com.example.notifications.store.Schema;
import java.util.UUID;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;

/** A fresh database of the notification service (H2 in memory), with trustgate's tables created. */
public final class ServiceDatabase {

    private ServiceDatabase() {
    }

    public static DataSource create() {
        JdbcDataSource database = new JdbcDataSource();
        database.setURL("jdbc:h2:mem:notifications-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000");
        Schema.create(database);
        return database;
    }
}
