package dev.trustgate.adapters.persistence;

import java.util.Map;
import org.jdbi.v3.sqlobject.config.KeyColumn;
import org.jdbi.v3.sqlobject.config.ValueColumn;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/**
 * Counts over every business number for operators' gauges: contacts by trust state and messages held. They are
 * aggregates over whole tables, so they are read now and then (the server caches them), never per request.
 */
public final class JdbiStatistics {

    /** The counts at one moment: contacts by state name ({@code TRUSTED}, …; states without contacts absent). */
    public record Counts(Map<String, Long> contactsByState, long heldMessages) {
        public Counts {
            contactsByState = Map.copyOf(contactsByState);
        }
    }

    interface Dao {
        @SqlQuery("SELECT state, COUNT(*) AS contacts FROM contacts GROUP BY state")
        @KeyColumn("state")
        @ValueColumn("contacts")
        Map<String, Long> contactsByState();

        @SqlQuery("SELECT COUNT(*) FROM held_messages WHERE status = 'HELD'")
        long heldMessages();
    }

    private final JdbiTransactions transactions;

    JdbiStatistics(JdbiTransactions transactions) {
        this.transactions = transactions;
    }

    /** Reads the counts in one transaction of their own. */
    public Counts read() {
        return transactions.inTransaction(() -> transactions.withDao(Dao.class,
                dao -> new Counts(dao.contactsByState(), dao.heldMessages())));
    }
}
