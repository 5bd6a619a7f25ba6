package dev.trustgate.adapters.persistence;

import java.sql.SQLException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/**
 * Flyway, in a class of its own so that a start on a current schema ({@link SchemaCheck}) does not even load it: the
 * JVM loads the classes a class's methods catch when it checks that class.
 */
final class FlywayMigration {

    private FlywayMigration() {
    }

    static void run(DataSource dataSource, String... locations) {
        try {
            Flyway.configure()
                    .dataSource(dataSource)
                    .locations(locations)
                    .ignoreMigrationPatterns("*:missing")
                    .validateOnMigrate(true)
                    .load()
                    .migrate();
        } catch (FlywayException e) {
            throw new StorageStartException("cannot migrate the database schema: " + migrationFailure(e), e);
        }
    }

    private static final Pattern SCRIPT = Pattern.compile("[A-Za-z0-9_.]+__[A-Za-z0-9_]+\\.sql");

    /**
     * What went wrong in the database's own words (Flyway's report around it is a page of dashes and the
     * failed statement), with the migration script when one failed.
     */
    private static String migrationFailure(FlywayException e) {
        Optional<SQLException> sql = JdbiStorage.sqlCause(e);
        String flyway = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (sql.isEmpty()) {
            return String.join(" ", flyway.lines().map(String::trim).filter(l -> !l.isEmpty() && !l.matches("-+")).limit(2).toList());
        }
        String cause = Optional.ofNullable(sql.get().getMessage()).orElse("SQL state " + sql.get().getSQLState())
                .lines().findFirst().orElse("").trim()
                .replaceFirst("^ERROR: ", "").replaceFirst("; SQL statement:$", "");
        Matcher script = SCRIPT.matcher(flyway);
        return cause + (script.find() ? " (in " + script.group() + ")" : "");
    }
}
