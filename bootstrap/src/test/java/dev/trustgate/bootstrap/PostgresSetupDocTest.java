package dev.trustgate.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trustgate.adapters.persistence.EmbeddedPostgresServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/operations.md's PostgreSQL set-up, run as written with psql against a real PostgreSQL that has
 * PostgreSQL 15's defaults for schema public: the set-up works, a database the role does not own fails
 * with the line the doc quotes, and the doc's fix makes it work.
 */
class PostgresSetupDocTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int migrate() {
        out.reset();
        err.reset();
        Map<String, String> env = Map.of("TRUSTGATE_DB_URL", EmbeddedPostgresServer.urlOf("trustgate"), "TRUSTGATE_DB_USER", "trustgate",
                "TRUSTGATE_DB_PASSWORD", "change-me");
        return Main.run(new String[] {"migrate"}, env, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void theSetUpWorksAndTheFifteenTrapIsNamedAndFixedAsDocumented(@TempDir Path work) throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/psql")), "psql is not installed (apt-get install postgresql-client)");
        Map<String, String> psql = Map.of("PGHOST", "localhost", "PGPORT", Integer.toString(EmbeddedPostgresServer.server().getPort()),
                "PGUSER", "postgres", "PGPASSWORD", "postgres", "PGDATABASE", "postgres");
        // The embedded PostgreSQL is 14; give new databases PostgreSQL 15's schema public: owned by the
        // database's owner, no CREATE for everyone else.
        EmbeddedPostgresServer.asSuperuser("template1", "ALTER SCHEMA public OWNER TO pg_database_owner",
                "REVOKE CREATE ON SCHEMA public FROM PUBLIC");
        try {
            MarkdownScript.Run setUp = MarkdownScript.of("docs/operations.md", "postgres-setup").run(work, psql);
            assertThat(setUp.exitCode()).as(setUp.output()).isZero();
            assertThat(migrate()).as(err.toString(StandardCharsets.UTF_8)).isZero();
            assertThat(out.toString(StandardCharsets.UTF_8)).contains("schema is up to date");

            EmbeddedPostgresServer.asSuperuser("postgres", "DROP DATABASE trustgate", "CREATE DATABASE trustgate");
            assertThat(migrate()).as("a database the role does not own").isEqualTo(2);
            String line = err.toString(StandardCharsets.UTF_8).strip();
            assertThat(line).contains("permission denied for schema public");
            assertThat(Files.readString(MarkdownScript.ROOT.resolve("docs/operations.md"))).as("the doc quotes the line").contains(line);

            MarkdownScript.Run owner = MarkdownScript.of("docs/operations.md", "postgres-owner").run(work, psql);
            assertThat(owner.exitCode()).as(owner.output()).isZero();
            assertThat(migrate()).as(err.toString(StandardCharsets.UTF_8)).isZero();
        } finally {
            EmbeddedPostgresServer.asSuperuser("template1", "ALTER SCHEMA public OWNER TO postgres", "GRANT CREATE ON SCHEMA public TO PUBLIC");
        }
    }
}
