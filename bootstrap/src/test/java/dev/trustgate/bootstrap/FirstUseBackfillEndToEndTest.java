package dev.trustgate.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trustgate.adapters.persistence.DatabaseSettings;
import dev.trustgate.adapters.persistence.EmbeddedPostgresServer;
import dev.trustgate.application.AuditChain;
import dev.trustgate.application.fakes.WhatsAppSamples;
import dev.trustgate.application.port.out.RecordedEvent;
import dev.trustgate.domain.BusinessNumber;
import dev.trustgate.domain.BusinessNumberId;
import dev.trustgate.domain.ChangeId;
import dev.trustgate.domain.CommandResult;
import dev.trustgate.domain.ContactKey;
import dev.trustgate.domain.ContactNames;
import dev.trustgate.domain.ContactTrust;
import dev.trustgate.domain.IdentityHash;
import dev.trustgate.domain.SignalSource;
import dev.trustgate.domain.WaId;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationVersion;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A customer whose identity trustgate took on first use before it recorded first use (a status naming the new
 * identity arrived before the change notice) is blocked by that late change notice once the server has upgraded
 * its database: through the assembled server, on H2 and on a real PostgreSQL.
 */
@ParameterizedClass(name = "{0}")
@ValueSource(strings = {"H2", "PostgreSQL"})
class FirstUseBackfillEndToEndTest {

    private static final String PNID = "106540352242922";
    private static final String WA_ID = "16505551234";
    private static final String ADMIN_KEY = "tg_backfill_admin_key_0123456789abcdef";
    private static final String SECRET = "backfill-app-secret";
    /** The identity the sample change notice names, and when WhatsApp sent that notice. */
    private static final IdentityHash NEW = new IdentityHash("Qm9vbXNoYWthbGFrYQ==");
    private static final Instant NOTICE_SENT = Instant.ofEpochSecond(1_750_263_700L);

    @Parameter
    String database;

    private final FakeGraph graph = new FakeGraph();
    private LocalServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        graph.close();
    }

    @Test
    void aLateChangeNoticeNamingAnIdentityTakenOnFirstUseBeforeTheUpgradeBlocks(@TempDir Path data) throws SQLException {
        Map<String, String> env = LocalServer.env(database.equals("H2") ? "jdbc:h2:file:" + data.resolve("trustgate")
                : EmbeddedPostgresServer.newDatabase("first_use_backfill"), graph.url(), ADMIN_KEY, SECRET);
        if (!database.equals("H2")) {
            env.put("TRUSTGATE_DB_USER", "postgres");
            env.put("TRUSTGATE_DB_PASSWORD", "postgres");
        }
        DatabaseSettings settings = DatabaseSettings.of(env.get("TRUSTGATE_DB_URL"), env.get("TRUSTGATE_DB_USER"),
                env.get("TRUSTGATE_DB_PASSWORD"));
        // what an older trustgate left behind: a status named the new identity 73 s after WhatsApp sent the change
        // notice, and arrived first, so the new identity became the baseline, unmarked
        migrateToTheSchemaBeforeTheBackfill(settings);
        ContactKey key = ContactKey.of(PNID, "ct_m1");
        CommandResult.Changed baselined = (CommandResult.Changed) ContactTrust.newContact(key, ContactNames.of(new WaId(WA_ID)))
                .identitySeen(NEW, NOTICE_SENT.plusSeconds(73), SignalSource.WHATSAPP_STATUS, new ChangeId("chg_1"),
                        BusinessNumber.unknown(new BusinessNumberId(PNID)).optIn(NOTICE_SENT.minusSeconds(3600)),
                        NOTICE_SENT.plusSeconds(74));
        storeAsAnOlderTrustgateDid(settings, baselined.contact(), AuditChain.seal(baselined.events().get(0), 1, AuditChain.GENESIS));

        server = LocalServer.start(env);
        assertThat(server.call("PUT", "/v1/businesses/" + PNID + "/identity-checks", ADMIN_KEY, "{\"enabled\":true}").statusCode())
                .isEqualTo(200);
        String crm = server.apiKey("crm", PNID);
        assertThat(contact(crm).path("state").asText()).isEqualTo("UNVERIFIED");
        assertThat(contact(crm).path("identityHash").asText()).isEqualTo(NEW.value());

        HttpResponse<String> notice = server.webhook(WhatsAppSamples.bytes("system-customer-identity-changed.json"));
        assertThat(notice.statusCode()).isEqualTo(200);

        JsonNode blocked = contact(crm);
        assertThat(blocked.path("state").asText()).as("the late notice names the identity nobody vouched for")
                .isEqualTo("IDENTITY_CHANGED");
        assertThat(blocked.path("pendingChange").path("identityHash").asText()).isEqualTo(NEW.value());
        HttpResponse<String> send = server.call("POST", "/v1/messages", crm, "{\"from\":\"" + PNID + "\",\"to\":\"" + WA_ID
                + "\",\"message\":{\"type\":\"text\",\"text\":{\"body\":\"Your statement\"}}}");
        assertThat(send.statusCode()).isEqualTo(409);
        assertThat(graph.forwarded()).isEmpty();
        assertThat(server.json(server.call("GET", "/v1/businesses/" + PNID + "/audit/verify", crm, null)).path("valid").asBoolean())
                .isTrue();
    }

    private JsonNode contact(String key) {
        return server.json(server.call("GET", "/v1/businesses/" + PNID + "/contacts/" + WA_ID, key, null));
    }

    /** Migrates to the newest version before the backfill (V7). */
    private static void migrateToTheSchemaBeforeTheBackfill(DatabaseSettings settings) {
        Flyway flyway = Flyway.configure().dataSource(settings.url(), settings.user(), settings.password())
                .locations("classpath:db/migration/common").load();
        String before = Arrays.stream(flyway.info().all()).map(MigrationInfo::getVersion)
                .filter(v -> v.compareTo(MigrationVersion.fromVersion("7")) < 0).max(Comparator.naturalOrder()).orElseThrow()
                .getVersion();
        Flyway.configure().dataSource(settings.url(), settings.user(), settings.password())
                .locations("classpath:db/migration/common").target(before).load().migrate();
    }

    /** The contact, its name, its baseline event and the chain's head, in the columns they had before the backfill. */
    private static void storeAsAnOlderTrustgateDid(DatabaseSettings settings, ContactTrust contact, RecordedEvent baseline)
            throws SQLException {
        try (Connection c = DriverManager.getConnection(settings.url(), settings.user(), settings.password())) {
            execute(c, "INSERT INTO contacts (phone_number_id, contact_id, wa_id, state, identity_hash, identity_as_of, pinned_hash, "
                            + "version, updated_at, identity_first_use) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, FALSE)",
                    PNID, contact.key().id().value(), WA_ID, contact.state().name(), NEW.value(), time(contact.identityAsOf().orElseThrow()),
                    NEW.value(), contact.version(), time(contact.updatedAt().orElseThrow()));
            execute(c, "INSERT INTO contact_names (phone_number_id, name, kind, contact_id, linked_at) VALUES (?, ?, 'WA_ID', ?, ?)",
                    PNID, WA_ID, contact.key().id().value(), time(baseline.at()));
            execute(c, "INSERT INTO events (phone_number_id, sequence, type, contact_id, wa_id, at, actor, data, previous_hash, hash, "
                            + "format) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    PNID, baseline.sequence(), baseline.type(), contact.key().id().value(), WA_ID, time(baseline.at()),
                    baseline.actor().id(), new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(baseline.data()),
                    baseline.previousHash(), baseline.hash(), baseline.format());
            execute(c, "INSERT INTO event_heads (phone_number_id, last_sequence, last_hash) VALUES (?, ?, ?)",
                    PNID, baseline.sequence(), baseline.hash());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static OffsetDateTime time(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static void execute(Connection c, String sql, Object... values) throws SQLException {
        try (PreparedStatement statement = c.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                statement.setObject(i + 1, values[i]);
            }
            statement.executeUpdate();
        }
    }
}
